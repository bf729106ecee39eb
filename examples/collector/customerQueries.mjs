// The customer reads (SPEC §7 "Customers", issue 16) over the identity join of customers.mjs, in
// SQL both DuckDB and PostgreSQL run. Registered in queries.mjs.
import { CUSTOMER_TOUCHPOINTS } from './customers.mjs'
import { epochMs, toTouchpoint, TOUCHPOINT_FIELDS, touchpointFields } from './touchpointRows.mjs'
import { siteOf } from './customerSummary.mjs'
import { STAGES } from './validate.mjs'

// The join decides each touchpoint's owner from its anonymousId's touchpoints alone, so for one
// customer it may run over the anonymousIds seen with that userId instead of the whole table.
const joinOver = (source) => CUSTOMER_TOUCHPOINTS.replaceAll('FROM touchpoints', `FROM ${source}`)
const SEEN_WITH_USER = `SELECT * FROM touchpoints WHERE anonymous_id IN
  (SELECT anonymous_id FROM touchpoints WHERE user_id = $1)`

// Conversion types come from the collector's own flag; still quoted as literals.
const sqlList = (values) =>
  values.map((value) => `'${String(value).replaceAll("'", "''")}'`).join(', ')

const HOST = `regexp_replace(t.page_url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*).*$', '\\1')`

/**
 * Customers and anonymous visitors seen most recently: `{ userId (null when anonymous), key,
 * anonymousIds, devices, sites, touchpoints, sessions, firstChannel, stages, conversions,
 * firstSeen, lastSeen }`.
 */
export const customers = async ({ read }, { limit, conversionTypes }) =>
  (
    await read(
      `WITH ct AS (${CUSTOMER_TOUCHPOINTS})
      SELECT ct.customer_key AS key, max(ct.customer_user_id) AS user_id,
        CAST(count(*) AS INTEGER) AS touchpoints,
        CAST(count(DISTINCT ct.session_id) AS INTEGER) AS sessions,
        array_agg(DISTINCT ct.anonymous_id) AS anonymous_ids,
        array_agg(DISTINCT ${HOST}) FILTER (WHERE t.page_url <> '') AS sites,
        (array_agg(ct.channel ORDER BY ct.ts, ct.id))[1] AS first_channel,
        array_agg(DISTINCT t.stage) FILTER (WHERE t.stage IS NOT NULL) AS stages,
        CAST(count(*) FILTER (WHERE ct.type IN (${sqlList(conversionTypes)})) AS INTEGER)
          AS conversions,
        ${epochMs('min(ct.ts)')} AS first_seen, ${epochMs('max(ct.ts)')} AS last_seen
      FROM ct JOIN touchpoints AS t ON t.id = ct.id
      GROUP BY ct.customer_key ORDER BY last_seen DESC, key LIMIT $1`,
      [limit],
    )
  ).map((row) => ({
    userId: row.user_id,
    key: row.key,
    anonymousIds: [...row.anonymous_ids].sort(),
    devices: row.anonymous_ids.length,
    sites: [...(row.sites ?? [])].sort(),
    touchpoints: row.touchpoints,
    sessions: row.sessions,
    firstChannel: row.first_channel,
    stages: STAGES.filter((stage) => (row.stages ?? []).includes(stage)),
    conversions: row.conversions,
    firstSeen: new Date(row.first_seen).toISOString(),
    lastSeen: new Date(row.last_seen).toISOString(),
  }))

/**
 * One customer's joined journey, oldest first: each touchpoint with `device` (1, 2, … in the
 * order its anonymousId was first seen) and `site` (its page's host). Empty for an unknown user.
 */
export const customerJourney = async ({ read }, userId) => {
  const rows = await read(
    `WITH seen AS (${SEEN_WITH_USER}), ct AS (${joinOver('seen')})
    SELECT ${TOUCHPOINT_FIELDS} FROM touchpoints
    WHERE id IN (SELECT id FROM ct WHERE customer_user_id = $1) ORDER BY ts, id`,
    [userId],
  )
  const devices = new Map()
  return rows.map(toTouchpoint).map((tp) => {
    if (!devices.has(tp.anonymousId)) devices.set(tp.anonymousId, devices.size + 1)
    return { ...tp, device: devices.get(tp.anonymousId), site: siteOf(tp.page.url) }
  })
}

/** Every identified customer's journey: calls `each(userId, touchpoints)` customer by customer. */
export const identifiedJourneys = async ({ read }, each) => {
  const rows = await read(
    `WITH ct AS (${CUSTOMER_TOUCHPOINTS})
    SELECT ct.customer_user_id AS customer, ${touchpointFields('t')}
    FROM ct JOIN touchpoints AS t ON t.id = ct.id
    WHERE ct.customer_user_id IS NOT NULL ORDER BY customer, t.ts, t.id`,
  )
  let start = 0
  for (let i = 1; i <= rows.length; i += 1) {
    if (i === rows.length || rows[i].customer !== rows[start].customer) {
      each(rows[start].customer, rows.slice(start, i).map(toTouchpoint))
      start = i
    }
  }
}
