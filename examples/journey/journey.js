// The journey map viewer: reads the collector's /api and draws plain SVG and tables, no framework
// and no build step (ES modules straight from the collector's static folder).
import { renderFunnel, renderMatrix } from './charts.js'
import { detailsTable } from './details.js'
import { $, dayTime, dot, el, getJson, glyphOf, label } from './dom.js'
import { emptyHint } from './empty.js'
import { drawTimeline, sessionsOf } from './timeline.js'
import { renderVisitors } from './visitors.js'

const state = {
  visitors: [],
  selected: decodeURIComponent(location.hash.slice(1)) || undefined,
  journey: [],
  activeId: undefined,
}

const showVisitors = () =>
  renderVisitors($('#visitor-list'), state.visitors, state.selected, select)

const select = async (anonymousId) => {
  state.selected = anonymousId
  history.replaceState(null, '', `#${encodeURIComponent(anonymousId)}`)
  showVisitors()
  await loadJourney()
}

const loadJourney = async () => {
  if (!state.selected) {
    renderJourney()
    return
  }
  try {
    state.journey = (
      await getJson(`/api/journeys/${encodeURIComponent(state.selected)}`)
    ).touchpoints
  } catch {
    state.journey = []
  }
  renderJourney()
}

const renderJourney = () => {
  const touchpoints = state.journey
  const head = $('#journey-head')
  if (!state.selected || touchpoints.length === 0) {
    head.replaceChildren(
      state.visitors.length === 0
        ? emptyHint()
        : el('p', { class: 'empty' }, 'Pick a visitor on the left.'),
    )
    $('#legend').replaceChildren()
    $('#timeline').replaceChildren()
    $('#details').replaceChildren()
    return
  }
  const sessions = sessionsOf(touchpoints)
  const channels = [...new Set(touchpoints.map((tp) => tp.channel))]
  const types = [...new Set(touchpoints.map((tp) => tp.type))]
  const userId = touchpoints.findLast((tp) => tp.userId)?.userId
  head.replaceChildren(
    el('h2', { title: state.selected }, state.selected),
    ...(userId ? [el('span', { class: 'chip' }, 'identified as ', el('strong', {}, userId))] : []),
    el(
      'span',
      { class: 'sub' },
      `on ${new URL(touchpoints[0].page.url).host} · ${touchpoints.length} ` +
        `touchpoints · ${sessions.length} ${sessions.length === 1 ? 'visit' : 'visits'} · ` +
        `${dayTime.format(new Date(touchpoints[0].ts))} → ${dayTime.format(new Date(touchpoints.at(-1).ts))}`,
    ),
  )
  $('#legend').replaceChildren(
    ...channels.map((channel) => el('span', {}, dot(channel), label(channel))),
    el('span', { class: 'sep' }),
    ...types.map((type) =>
      el('span', {}, el('span', { class: 'glyph' }, glyphOf(type)), label(type)),
    ),
  )
  $('#timeline').replaceChildren(
    drawTimeline(sessions, $('#timeline').clientWidth - 12, (id) => highlight(id, true)),
  )
  $('#details').replaceChildren(detailsTable(touchpoints, (id) => highlight(id)))
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

let lastSignature = ''
const refresh = async () => {
  try {
    const [{ visitors }, funnel, { rows }] = await Promise.all([
      getJson('/api/journeys?limit=200'),
      getJson('/api/funnel'),
      getJson('/api/channels'),
    ])
    const touchpoints = rows.reduce((sum, r) => sum + r.touchpoints, 0)
    const signature = JSON.stringify([visitors, funnel, rows])
    if (signature === lastSignature) return
    lastSignature = signature
    state.visitors = visitors
    if (!state.selected || !visitors.some((v) => v.anonymousId === state.selected))
      state.selected = visitors[0]?.anonymousId
    $('#stats').textContent =
      `${funnel.visitors} ${funnel.visitors === 1 ? 'visitor' : 'visitors'} · ` +
      `${touchpoints} touchpoints`
    showVisitors()
    renderFunnel($('#funnel-chart'), funnel)
    renderMatrix($('#matrix-table'), rows)
    await loadJourney()
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
