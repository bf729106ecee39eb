// The journey map viewer: reads the collector's /api and draws plain SVG and tables, no framework.

const STAGES = ['awareness', 'consideration', 'purchase', 'retention', 'advocacy']
const LANES = [...STAGES, 'unstaged']
const CHANNEL_COLORS = {
  direct: '#6b7280', organic_search: '#16a34a', paid_search: '#ca8a04', social: '#2563eb',
  paid_social: '#7c3aed', email: '#ea580c', referral: '#0d9488', display: '#db2777', affiliate: '#92400e',
}
const TYPE_GLYPHS = {
  page_view: 'P', review_read: 'R', chat_open: 'C', form_submit: 'F', identify: 'I', page_vitals: 'V',
}
const SVG_NS = 'http://www.w3.org/2000/svg'
const $ = (selector) => document.querySelector(selector)

const state = { visitors: [], selected: decodeURIComponent(location.hash.slice(1)) || undefined, journey: [], activeId: undefined }

const label = (name) => name.replaceAll('_', ' ')
const colorOf = (channel) => CHANNEL_COLORS[channel] ?? '#9ca3af'
const glyphOf = (type) => TYPE_GLYPHS[type] ?? type.slice(0, 1).toUpperCase()
// The tail: UUIDv7 ids of one day share their first characters (a timestamp).
const short = (id) => (id.length > 13 ? `…${id.slice(-10)}` : id)

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value)
  }
  node.append(...children.flat().filter((child) => child !== undefined && child !== null))
  return node
}
const svg = (tag, attrs = {}, ...children) => {
  const node = document.createElementNS(SVG_NS, tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
    else if (value !== undefined && value !== null) node.setAttribute(key, value)
  }
  node.append(...children.flat().filter((child) => child !== undefined && child !== null))
  return node
}
const dot = (channel) => el('span', { class: 'dot', style: `background:${colorOf(channel)}` })

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
const ago = (iso) => {
  const seconds = (Date.parse(iso) - Date.now()) / 1_000
  const [unit, size] = Math.abs(seconds) < 60 ? ['second', 1] : Math.abs(seconds) < 3_600 ? ['minute', 60]
    : Math.abs(seconds) < 86_400 ? ['hour', 3_600] : ['day', 86_400]
  return relative.format(Math.round(seconds / size), unit)
}
const dayTime = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  hour12: false })
const day = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' })
const clock = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })

const getJson = async (path) => {
  const response = await fetch(path)
  if (!response.ok) throw new Error(`${path}: ${response.status}`)
  return response.json()
}

// ---- visitors -------------------------------------------------------------------------------

const renderVisitors = () => {
  const list = $('#visitor-list')
  list.replaceChildren(...state.visitors.map((visitor) => el('li', {
    role: 'option',
    'data-visitor': visitor.anonymousId,
    'aria-selected': String(visitor.anonymousId === state.selected),
    onclick: () => select(visitor.anonymousId),
  },
  el('span', { class: 'who', title: `${visitor.anonymousId} on ${visitor.site}` }, short(visitor.anonymousId),
    visitor.userId ? el('em', {}, ` · ${visitor.userId}`) : undefined),
  el('span', { class: 'when' }, ago(visitor.lastSeen)),
  el('span', { class: 'meta', title: `first came through ${label(visitor.firstChannel)}` },
    dot(visitor.firstChannel), label(visitor.firstChannel),
    ` · ${visitor.touchpoints} tp · ${visitor.sessions} ${visitor.sessions === 1 ? 'visit' : 'visits'}`),
  el('span', { class: 'steps', title: `stages reached: ${visitor.stages.join(', ') || 'none'}` },
    STAGES.map((stage) => el('i', { class: visitor.stages.includes(stage) ? 'on' : '' }))))))
  if (state.visitors.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, 'No visitors yet.'))
  }
}

const select = async (anonymousId) => {
  state.selected = anonymousId
  history.replaceState(null, '', `#${encodeURIComponent(anonymousId)}`)
  renderVisitors()
  await loadJourney()
}

// ---- one visitor's journey -------------------------------------------------------------------

const loadJourney = async () => {
  if (!state.selected) { renderJourney(); return }
  try {
    state.journey = (await getJson(`/api/journeys/${encodeURIComponent(state.selected)}`)).touchpoints
  } catch {
    state.journey = []
  }
  renderJourney()
}

const sessionsOf = (touchpoints) => {
  const sessions = []
  for (const tp of touchpoints) {
    const last = sessions.at(-1)
    if (last && last.id === tp.sessionId) last.touchpoints.push(tp)
    else sessions.push({ id: tp.sessionId, channel: tp.channel, touchpoints: [tp] })
  }
  return sessions
}

const renderJourney = () => {
  const touchpoints = state.journey
  const head = $('#journey-head')
  if (!state.selected || touchpoints.length === 0) {
    head.replaceChildren(el('p', { class: 'empty' }, state.visitors.length === 0
      ? 'No touchpoints yet: open the storefront or the blog, or run ' : 'Pick a visitor on the left.',
    state.visitors.length === 0 ? el('code', {}, 'npm run demo -- --simulate 12') : undefined))
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
    userId ? el('span', { class: 'chip' }, 'identified as ', el('strong', {}, userId)) : undefined,
    el('span', { class: 'sub' }, `on ${new URL(touchpoints[0].page.url).host} · ${touchpoints.length} ` +
      `touchpoints · ${sessions.length} ${sessions.length === 1 ? 'visit' : 'visits'} · ` +
      `${dayTime.format(new Date(touchpoints[0].ts))} → ${dayTime.format(new Date(touchpoints.at(-1).ts))}`))
  $('#legend').replaceChildren(
    ...channels.map((channel) => el('span', {}, dot(channel), label(channel))),
    el('span', { class: 'sep' }),
    ...types.map((type) => el('span', {}, el('span', { class: 'glyph' }, glyphOf(type)), label(type))))
  $('#timeline').replaceChildren(drawTimeline(sessions))
  $('#details').replaceChildren(detailsTable(touchpoints))
  highlight(state.activeId)
}

const drawTimeline = (sessions) => {
  const count = sessions.reduce((sum, session) => sum + session.touchpoints.length, 0)
  const width = $('#timeline').clientWidth - 12
  const laneLabel = 108
  const gap = 24
  const top = 40
  const laneHeight = 34
  const minSession = 132 // room for a session's label
  const fixed = laneLabel + 16 + gap * (sessions.length - 1)
  const column = Math.max(30, Math.min(72, (width - fixed) / Math.max(count, 1)))
  const sessionWidth = (session) => Math.max(session.touchpoints.length * column, minSession)
  const totalWidth = Math.max(width, fixed + sessions.reduce((sum, s) => sum + sessionWidth(s), 0))
  const height = top + laneHeight * LANES.length + 22
  const laneY = (stage) => top + laneHeight * LANES.indexOf(stage ?? 'unstaged') + laneHeight / 2
  const withSeconds = column >= 50

  const lanes = LANES.map((lane, index) => svg('g', {},
    svg('rect', { x: 0, y: top + index * laneHeight, width: totalWidth, height: laneHeight,
      fill: index % 2 ? '#ffffff' : '#f8fafc' }),
    svg('text', { x: 10, y: top + index * laneHeight + laneHeight / 2 + 4, 'font-size': 11.5,
      fill: lane === 'unstaged' ? '#9ca3af' : '#374151', 'font-weight': 600 }, lane)))

  const points = []
  const sessionMarks = []
  let start = laneLabel
  sessions.forEach((session, index) => {
    const span = sessionWidth(session)
    session.touchpoints.forEach((tp, i) => points.push({ tp, x: start + column * (i + 0.5), y: laneY(tp.stage) }))
    const clipId = `session-clip-${index}`
    sessionMarks.push(svg('g', { class: 'session', 'data-channel': session.channel },
      svg('clipPath', { id: clipId }, svg('rect', { x: start, y: 0, width: span - 4, height: top })),
      svg('rect', { x: start + 2, y: 6, width: span - 6, height: 4, rx: 2, fill: colorOf(session.channel) }),
      svg('text', { x: start + 3, y: 27, 'font-size': 11, fill: '#374151', 'clip-path': `url(#${clipId})` },
        svg('tspan', { 'font-weight': 600 }, `Visit ${index + 1}`),
        svg('tspan', { fill: '#6b7280' }, ` · ${label(session.channel)} · ${dayTime.format(new Date(session.touchpoints[0].ts))}`)),
      svg('title', {}, `Visit ${index + 1} (session ${session.id}): came through ${label(session.channel)}`),
      index > 0 ? svg('line', { x1: start - gap / 2, x2: start - gap / 2, y1: 4, y2: height - 20,
        stroke: '#cbd5e1', 'stroke-dasharray': '3 3' }) : undefined))
    start += span + gap
  })

  const path = svg('polyline', { points: points.map((p) => `${p.x},${p.y}`).join(' '), fill: 'none',
    stroke: '#c7d2fe', 'stroke-width': 2, 'stroke-linejoin': 'round' })
  const markers = points.map(({ tp, x, y }, index) => svg('g', {
    class: 'tp', 'data-id': tp.id, 'data-type': tp.type, 'data-stage': tp.stage ?? 'unstaged',
    'data-channel': tp.channel, transform: `translate(${x},${y})`,
    onclick: () => highlight(tp.id, true),
  },
  svg('title', {}, `${index + 1}. ${label(tp.type)} · ${tp.stage ?? 'no stage'} · ${label(tp.channel)}\n` +
    `${clock.format(new Date(tp.ts))} · ${tp.page.path ?? tp.page.url}\n${describe(tp)}`),
  svg('circle', { r: 11, fill: colorOf(tp.channel), stroke: '#fff', 'stroke-width': 2 }),
  svg('text', { y: 4, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 700, fill: '#fff' }, glyphOf(tp.type))))
  const every = Math.ceil((withSeconds ? 50 : 36) / column)
  const ticks = points.filter((_, index) => index % every === 0).map(({ tp, x }) => svg('text', {
    x, y: height - 6, 'text-anchor': 'middle', 'font-size': 10, fill: '#9ca3af',
  }, withSeconds ? clock.format(new Date(tp.ts)) : clock.format(new Date(tp.ts)).slice(0, 5)))

  return svg('svg', { width: totalWidth, height, role: 'img', 'aria-label': 'Touchpoints by stage over time' },
    lanes, sessionMarks, path, markers, ticks)
}

// What a touchpoint's props say, in a few words.
const describe = (tp) => {
  const p = tp.props ?? {}
  switch (tp.type) {
    case 'page_view': return `${p.title ?? tp.page.title ?? ''}`
    case 'review_read': return `review ${p.reviewId}${p.productId ? ` of ${p.productId}` : ''}` +
      `${p.rating ? ` · ${'★'.repeat(p.rating)}` : ''} · read ${(p.dwellMs / 1_000).toFixed(1)} s`
    case 'chat_open': return `${p.provider ?? ''}${p.widget ? ` (${p.widget})` : ''} · ${p.trigger ?? ''}`
    case 'form_submit': return `form ${p.formId || '(no id)'} · fields ${(p.fields ?? []).join(', ')}`
    case 'identify': return `user ${tp.userId ?? ''}${Object.keys(p.traits ?? {}).length ? ` · ${Object.keys(p.traits).join(', ')}` : ''}`
    case 'page_vitals': return ['lcp', 'inp', 'cls', 'fcp', 'ttfb'].filter((k) => p[k] !== undefined)
      .map((k) => `${k} ${k === 'cls' ? p[k].toFixed(3) : Math.round(p[k])}`).join(' · ')
    default: return JSON.stringify(p).slice(0, 120)
  }
}

const detailsTable = (touchpoints) => el('table', {},
  el('thead', {}, el('tr', {}, ['#', 'time', 'touchpoint', 'stage', 'channel', 'page', 'details'].map((h) => el('th', {}, h)))),
  el('tbody', {}, touchpoints.map((tp, index) => el('tr', { 'data-id': tp.id, onclick: () => highlight(tp.id) },
    el('td', {}, String(index + 1)),
    el('td', {}, `${day.format(new Date(tp.ts))} ${clock.format(new Date(tp.ts))}`),
    el('td', {}, label(tp.type)),
    el('td', {}, tp.stage ?? '—'),
    el('td', {}, el('span', { class: 'chip' }, dot(tp.channel), label(tp.channel))),
    el('td', {}, tp.page.path ?? tp.page.url),
    el('td', { class: 'props' }, describe(tp))))))

const highlight = (id, scroll = false) => {
  state.activeId = id
  for (const node of document.querySelectorAll('.active')) node.classList.remove('active')
  if (!id) return
  for (const node of document.querySelectorAll(`[data-id="${CSS.escape(id)}"]`)) node.classList.add('active')
  if (scroll) document.querySelector(`#details tr[data-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' })
}

// ---- across visitors -------------------------------------------------------------------------

const renderFunnel = ({ visitors, stages }) => {
  const width = $('#funnel-chart').clientWidth || 480
  const row = 38
  const labelWidth = 104
  const barMax = width - labelWidth - 92
  const top = Math.max(1, visitors)
  const bars = stages.map(({ stage, visitors: count }, index) => {
    const share = count / top
    const previous = index > 0 ? stages[index - 1].visitors : undefined
    return svg('g', { class: 'stage', 'data-stage': stage, 'data-visitors': count, transform: `translate(0,${index * row})` },
      svg('text', { x: 0, y: 20, 'font-size': 12, fill: '#374151', 'font-weight': 600 }, stage),
      svg('rect', { x: labelWidth, y: 6, width: barMax, height: 20, rx: 4, fill: '#f3f4f6' }),
      svg('rect', { x: labelWidth, y: 6, width: Math.max(2, barMax * share), height: 20, rx: 4,
        fill: '#4f46e5', 'fill-opacity': 0.35 + 0.65 * (1 - index / stages.length) }),
      svg('text', { x: labelWidth + barMax + 8, y: 20, 'font-size': 12, fill: '#111827', 'font-weight': 600 },
        `${count}`, svg('tspan', { fill: '#6b7280', 'font-weight': 400 }, `  ${Math.round(share * 100)}%`)),
      previous ? svg('title', {}, `${count} of ${previous} visitors of the stage before (${Math.round((count / previous) * 100)}%)`) : undefined)
  })
  $('#funnel-chart').replaceChildren(
    svg('svg', { width, height: stages.length * row + 4, role: 'img', 'aria-label': 'Distinct visitors per stage' }, bars),
    el('div', { style: 'color:#6b7280;font-size:11px' }, `of ${visitors} visitors in all`))
}

const renderMatrix = (rows) => {
  if (rows.length === 0) { $('#matrix-table').replaceChildren(el('p', { class: 'empty' }, 'Nothing yet.')); return }
  const channels = [...new Set(rows.map((r) => r.channel))]
  const types = [...new Set(rows.map((r) => r.type))].sort((a, b) =>
    (Object.keys(TYPE_GLYPHS).indexOf(a) + 1 || 99) - (Object.keys(TYPE_GLYPHS).indexOf(b) + 1 || 99))
  const cell = new Map(rows.map((r) => [`${r.channel}|${r.type}`, r]))
  const max = Math.max(...rows.map((r) => r.touchpoints))
  const total = (filter) => rows.filter(filter).reduce((sum, r) => sum + r.touchpoints, 0)
  $('#matrix-table').replaceChildren(el('table', {},
    el('thead', {}, el('tr', {}, el('th', {}), types.map((type) => el('th', { title: type }, label(type))), el('th', {}, 'total'))),
    el('tbody', {}, channels.map((channel) => el('tr', {},
      el('th', {}, el('span', { class: 'chip' }, dot(channel), label(channel))),
      types.map((type) => {
        const found = cell.get(`${channel}|${type}`)
        const strength = found ? 0.08 + 0.72 * (found.touchpoints / max) : 0
        return el('td', {
          'data-channel': channel, 'data-type': type,
          title: found ? `${found.touchpoints} touchpoints from ${found.visitors} visitors` : 'none',
          style: found ? `background:rgba(79,70,229,${strength.toFixed(2)});color:${strength > 0.5 ? '#fff' : '#111827'}` : 'color:#d1d5db',
        }, found ? String(found.touchpoints) : '·')
      }),
      el('td', { class: 'total' }, String(total((r) => r.channel === channel)))))),
    el('tfoot', {}, el('tr', {}, el('th', {}, ''), types.map((type) => el('td', {}, String(total((r) => r.type === type)))),
      el('td', {}, String(total(() => true)))))))
}

// ---- loading ---------------------------------------------------------------------------------

let lastSignature = ''
const refresh = async () => {
  try {
    const [{ visitors }, funnel, { rows }] = await Promise.all([
      getJson('/api/journeys?limit=200'), getJson('/api/funnel'), getJson('/api/channels')])
    const touchpoints = rows.reduce((sum, r) => sum + r.touchpoints, 0)
    const signature = JSON.stringify([visitors, funnel, rows])
    if (signature === lastSignature) return
    lastSignature = signature
    state.visitors = visitors
    if (!state.selected || !visitors.some((v) => v.anonymousId === state.selected)) state.selected = visitors[0]?.anonymousId
    $('#stats').textContent = `${funnel.visitors} ${funnel.visitors === 1 ? 'visitor' : 'visitors'} · ` +
      `${touchpoints} touchpoints`
    renderVisitors()
    renderFunnel(funnel)
    renderMatrix(rows)
    await loadJourney()
    document.body.dataset.loaded = 'true'
  } catch (error) {
    $('#stats').textContent = `collector unreachable: ${error.message}`
  }
}

setInterval(() => { if ($('#live').checked && document.visibilityState === 'visible') refresh() }, 5_000)
addEventListener('resize', () => { lastSignature = ''; refresh() })
refresh()
