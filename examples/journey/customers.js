// Customers and anonymous visitors (SPEC §7 "Customers"): the rows of the visitor list, and which
// device and site each part of a customer's journey came from.
import { STAGES } from './dom.js'

// A device is an anonymousId: touchtrail keeps one per browser profile, so a phone and a laptop
// are two, and so are two sites on different origins that are not linked (SPEC §6).
const DEVICE_COLORS = ['#0891b2', '#c026d3', '#65a30d', '#ea580c', '#4f46e5', '#be123c']

const hostOf = (url) => {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

/** The host a touchpoint's page was on: the site it came from. */
export const siteOf = (tp) => tp.site ?? hostOf(tp.page?.url ?? '')

/**
 * Names the devices of a journey in order of first appearance: "device A" (with its screen size
 * when known) and a colour each. @returns {Map<string, { name: string, screen?: string,
 * color: string }>} by anonymousId
 */
export const devicesOf = (touchpoints) => {
  const devices = new Map()
  for (const tp of touchpoints) {
    if (devices.has(tp.anonymousId)) continue
    const index = devices.size
    devices.set(tp.anonymousId, {
      name: `device ${String.fromCharCode(65 + (index % 26))}`,
      screen: tp.context?.screen,
      color: DEVICE_COLORS[index % DEVICE_COLORS.length],
    })
  }
  return devices
}

const stagesIn = (lists) => STAGES.filter((stage) => lists.some((list) => list?.includes(stage)))

/**
 * The visitor list's rows from /api/journeys' visitors (one per anonymousId): visitors sharing a
 * userId become one customer with their devices and sites; the others stay anonymous visitors.
 * Used when the collector has no /api/customers. Most recent first.
 */
export const groupVisitors = (visitors) => {
  const customers = new Map()
  const rows = []
  for (const visitor of visitors) {
    if (!visitor.userId) {
      rows.push({ key: `a:${visitor.anonymousId}`, kind: 'visitor', ...visitor, devices: 1 })
      continue
    }
    const known = customers.get(visitor.userId)
    if (!known) {
      const row = {
        key: `u:${visitor.userId}`,
        kind: 'customer',
        userId: visitor.userId,
        anonymousIds: [visitor.anonymousId],
        sites: [visitor.site].filter(Boolean),
        touchpoints: visitor.touchpoints,
        sessions: visitor.sessions,
        firstChannel: visitor.firstChannel,
        firstSeen: visitor.firstSeen,
        lastSeen: visitor.lastSeen,
        stages: visitor.stages,
      }
      customers.set(visitor.userId, row)
      rows.push(row)
      continue
    }
    known.anonymousIds.push(visitor.anonymousId)
    if (visitor.site && !known.sites.includes(visitor.site)) known.sites.push(visitor.site)
    known.touchpoints += visitor.touchpoints
    known.sessions += visitor.sessions
    if (visitor.firstSeen < known.firstSeen) {
      known.firstSeen = visitor.firstSeen
      known.firstChannel = visitor.firstChannel
    }
    known.stages = stagesIn([known.stages, visitor.stages])
  }
  for (const row of customers.values()) row.devices = row.anonymousIds.length
  return rows
}

const listOf = (value) => (Array.isArray(value) ? value : [])
const countOf = (value) => (Array.isArray(value) ? value.length : Number(value) || 0)

/**
 * The visitor list's rows from /api/customers, whichever of the likely shapes it answers
 * (`{ customers, visitors }` or `{ rows }`, a row with `userId` null being an anonymous visitor).
 */
export const rowsFromCustomers = (answer) => {
  const all = [...listOf(answer.customers), ...listOf(answer.visitors), ...listOf(answer.rows)]
  return all.map((row) => {
    const anonymousIds = listOf(row.anonymousIds).length
      ? row.anonymousIds
      : [row.anonymousId].filter(Boolean)
    const common = {
      touchpoints: row.touchpoints ?? 0,
      sessions: row.sessions ?? 0,
      firstChannel: row.firstChannel ?? row.firstTouch?.channel ?? 'direct',
      firstSeen: row.firstSeen,
      lastSeen: row.lastSeen ?? row.lastTouchpoint?.ts ?? row.firstSeen,
      stages: STAGES.filter((stage) => listOf(row.stages ?? row.stagesReached).includes(stage)),
    }
    return row.userId
      ? {
          key: `u:${row.userId}`,
          kind: 'customer',
          userId: row.userId,
          anonymousIds,
          devices: countOf(row.devices ?? anonymousIds),
          sites: listOf(row.sites).length ? row.sites : [],
          ...common,
        }
      : {
          key: `a:${anonymousIds[0]}`,
          kind: 'visitor',
          anonymousId: anonymousIds[0],
          userId: null,
          site: row.site ?? listOf(row.sites)[0] ?? '',
          devices: 1,
          ...common,
        }
  })
}

/** Joins the journeys of a customer's devices (each oldest first) into one, oldest first. */
export const joinJourneys = (journeys) =>
  journeys.flat().toSorted((a, b) => a.ts.localeCompare(b.ts) || a.id.localeCompare(b.id))
