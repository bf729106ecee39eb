// The journey map viewer: reads the collector's /api and draws plain SVG and tables, no framework
// and no build step (ES modules straight from the collector's static folder).
import { renderFunnel, renderMatrix } from './charts.js'
import { devicesOf, groupVisitors, joinJourneys, rowsFromCustomers } from './customers.js'
import { detailsTable } from './details.js'
import { $, dayTime, dot, el, getJson, getOptionalJson, glyphOf, label } from './dom.js'
import { emptyHint } from './empty.js'
import { FRICTION, placeFeedback } from './feeling.js'
import { loadValue, loadWeakLinks } from './panels.js'
import { drawTimeline, sessionsOf } from './timeline.js'
import { renderValue } from './value.js'
import { renderVisitors } from './visitors.js'
import { renderWeakLinks } from './weakLinks.js'

// A row's key: `u:<userId>` for a customer, `a:<anonymousId>` for an anonymous visitor. An old
// link's bare anonymousId still opens that visitor.
const keyFromHash = () => {
  const hash = decodeURIComponent(location.hash.slice(1))
  return !hash ? undefined : /^[ua]:/.test(hash) ? hash : `a:${hash}`
}

const state = {
  rows: [],
  selected: keyFromHash(),
  journey: [],
  activeId: undefined,
  value: { model: 'last', by: 'channel', answers: undefined },
}

// The row to show for a key: itself, the customer an anonymousId now belongs to (a link to a
// visitor who has since identified), else the most recent row.
const rowKeyOf = (key) => {
  if (state.rows.some((row) => row.key === key)) return key
  const anonymousId = key?.startsWith('a:') ? key.slice(2) : undefined
  const customer = state.rows.find((row) => row.anonymousIds?.includes(anonymousId))
  return customer?.key ?? state.rows[0]?.key
}

const showVisitors = () => renderVisitors($('#visitor-list'), state.rows, state.selected, select)

const select = async (key) => {
  state.selected = key
  history.replaceState(null, '', `#${encodeURIComponent(key)}`)
  showVisitors()
  await loadJourney()
}

const selectedRow = () => state.rows.find((row) => row.key === state.selected)

// A customer's joined journey from /api/customers/<userId>; a collector without it gets the
// journeys of the customer's devices joined here.
const customerJourney = async (row) => {
  const answer = await getOptionalJson(`/api/customers/${encodeURIComponent(row.userId)}`)
  if (answer?.touchpoints) return answer.touchpoints
  const journeys = await Promise.all(
    row.anonymousIds.map(
      async (id) => (await getJson(`/api/journeys/${encodeURIComponent(id)}`)).touchpoints,
    ),
  )
  return joinJourneys(journeys)
}

const loadJourney = async () => {
  const row = selectedRow()
  try {
    state.journey = !row
      ? []
      : row.kind === 'customer'
        ? await customerJourney(row)
        : (await getJson(`/api/journeys/${encodeURIComponent(row.anonymousId)}`)).touchpoints
  } catch {
    state.journey = []
  }
  renderJourney()
}

const plural = (count, one) => `${count} ${one}${count === 1 ? '' : 's'}`

// What a journey adds up to: answers, friction and conversions, in a few words.
const journeyFacts = (touchpoints) => {
  const answers = touchpoints.filter((tp) => tp.type === 'feedback').length
  const friction = touchpoints.filter((tp) => FRICTION.has(tp.type)).length
  const purchases = touchpoints.filter((tp) => tp.type === 'purchase')
  const value = new Map()
  for (const { props } of purchases)
    value.set(props.currency, (value.get(props.currency) ?? 0) + (Number(props.value) || 0))
  return [
    answers ? plural(answers, 'answer') : undefined,
    friction ? plural(friction, 'friction point') : undefined,
    purchases.length
      ? `${plural(purchases.length, 'purchase')} (${[...value].map(([c, v]) => `${v} ${c}`).join(', ')})`
      : undefined,
  ].filter(Boolean)
}

const renderJourney = () => {
  const touchpoints = state.journey
  const row = selectedRow()
  const head = $('#journey-head')
  if (!row || touchpoints.length === 0) {
    head.replaceChildren(
      state.rows.length === 0
        ? emptyHint()
        : el('p', { class: 'empty' }, 'Pick a customer or visitor on the left.'),
    )
    $('#legend').replaceChildren()
    $('#timeline').replaceChildren()
    $('#details').replaceChildren()
    return
  }
  const customer = row.kind === 'customer'
  const devices = customer ? devicesOf(touchpoints) : undefined
  const { shown, answers } = placeFeedback(touchpoints)
  const sessions = sessionsOf(shown)
  const channels = [...new Set(touchpoints.map((tp) => tp.channel))]
  const types = [...new Set(touchpoints.map((tp) => tp.type))]
  const userId = touchpoints.findLast((tp) => tp.userId)?.userId
  const hosts = [...new Set(touchpoints.map((tp) => new URL(tp.page.url).host))]
  const visits = new Set(touchpoints.map((tp) => tp.sessionId)).size
  head.replaceChildren(
    customer
      ? el('h2', { title: row.userId }, row.userId)
      : el('h2', { title: row.anonymousId }, row.anonymousId),
    customer
      ? el('span', { class: 'chip customer' }, `customer · ${plural(devices.size, 'device')}`)
      : userId
        ? el('span', { class: 'chip' }, 'identified as ', el('strong', {}, userId))
        : undefined,
    el(
      'span',
      { class: 'sub' },
      `on ${hosts.join(', ')} · ${touchpoints.length} touchpoints · ${plural(visits, 'visit')} · ` +
        `${dayTime.format(new Date(touchpoints[0].ts))} → ${dayTime.format(new Date(touchpoints.at(-1).ts))}`,
    ),
    ...journeyFacts(touchpoints).map((fact) => el('span', { class: 'fact' }, fact)),
  )
  $('#legend').replaceChildren(
    ...channels.map((channel) => el('span', {}, dot(channel), label(channel))),
    el('span', { class: 'sep' }),
    ...types.map((type) =>
      el(
        'span',
        {},
        el('span', { class: `glyph${FRICTION.has(type) ? ' friction' : ''}` }, glyphOf(type)),
        label(type),
      ),
    ),
    ...(customer
      ? [
          el('span', { class: 'sep' }),
          ...[...devices].map(([id, device]) =>
            el(
              'span',
              { title: id },
              el('span', { class: 'dot', style: `background:${device.color}` }),
              `${device.name}${device.screen ? ` (${device.screen})` : ''}`,
            ),
          ),
        ]
      : []),
  )
  $('#timeline').replaceChildren(
    drawTimeline(sessions, $('#timeline').clientWidth - 12, (id) => highlight(id, true), {
      answers,
      devices,
    }),
  )
  $('#details').replaceChildren(detailsTable(touchpoints, (id) => highlight(id), { devices }))
  highlight(state.activeId)
}

const highlight = (id, scroll = false) => {
  state.activeId = id
  for (const node of document.querySelectorAll('.active')) node.classList.remove('active')
  if (!id) return
  for (const node of document.querySelectorAll(`[data-id="${CSS.escape(id)}"]`))
    node.classList.add('active')
  if (scroll)
    document
      .querySelector(`#details tr[data-id="${CSS.escape(id)}"]`)
      ?.scrollIntoView({ block: 'nearest' })
}

const showValue = () =>
  renderValue($('#value-table'), state.value.answers, {
    model: state.value.model,
    by: state.value.by,
    on: {
      model: (model) => {
        state.value.model = model
        showValue()
      },
      by: async (by) => {
        state.value.by = by
        state.value.answers = await loadValue(by)
        showValue()
      },
    },
  })

const refreshPanels = async () => {
  const [weakLinks, value] = await Promise.all([loadWeakLinks(), loadValue(state.value.by)])
  renderWeakLinks($('#weak-table'), weakLinks)
  state.value.answers = value
  showValue()
}

let lastSignature = ''
const refresh = async () => {
  try {
    const [{ visitors }, customers, funnel, { rows }] = await Promise.all([
      getJson('/api/journeys?limit=200'),
      getOptionalJson('/api/customers').catch(() => undefined),
      getJson('/api/funnel'),
      getJson('/api/channels'),
    ])
    const touchpoints = rows.reduce((sum, r) => sum + r.touchpoints, 0)
    const signature = JSON.stringify([visitors, customers, funnel, rows])
    if (signature === lastSignature) return
    lastSignature = signature
    state.rows = customers ? rowsFromCustomers(customers) : groupVisitors(visitors)
    state.selected = rowKeyOf(state.selected)
    const people = state.rows.filter((row) => row.kind === 'customer').length
    $('#stats').textContent =
      `${plural(funnel.visitors, 'visitor')} · ${plural(people, 'customer')} · ` +
      `${touchpoints} touchpoints`
    showVisitors()
    renderFunnel($('#funnel-chart'), funnel)
    renderMatrix($('#matrix-table'), rows)
    await Promise.all([loadJourney(), refreshPanels()])
    document.body.dataset.loaded = 'true'
  } catch (error) {
    $('#stats').textContent = `collector unreachable: ${error.message}`
  }
}

setInterval(() => {
  if ($('#live').checked && document.visibilityState === 'visible') refresh()
}, 5_000)
addEventListener('resize', () => {
  lastSignature = ''
  refresh()
})
refresh()
