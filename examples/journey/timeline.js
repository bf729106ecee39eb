// The journey timeline of one visitor, in plain SVG.
import { LANES, clock, colorOf, dayTime, glyphOf, label, svg } from './dom.js'
import { describe } from './details.js'

/** Groups a journey's touchpoints into sessions (visits), in order. */
export const sessionsOf = (touchpoints) => {
  const sessions = []
  for (const tp of touchpoints) {
    const last = sessions.at(-1)
    if (last && last.id === tp.sessionId) last.touchpoints.push(tp)
    else sessions.push({ id: tp.sessionId, channel: tp.channel, touchpoints: [tp] })
  }
  return sessions
}

/**
 * Draws the journey as SVG: one lane per stage, touchpoints left to right in order, visits
 * separated; a marker's colour is its channel and its letter its type. `onPick` gets an id.
 */
export const drawTimeline = (sessions, width, onPick) => {
  const count = sessions.reduce((sum, session) => sum + session.touchpoints.length, 0)
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

  const lanes = LANES.map((lane, index) =>
    svg(
      'g',
      {},
      svg('rect', {
        x: 0,
        y: top + index * laneHeight,
        width: totalWidth,
        height: laneHeight,
        fill: index % 2 ? '#ffffff' : '#f8fafc',
      }),
      svg(
        'text',
        {
          x: 10,
          y: top + index * laneHeight + laneHeight / 2 + 4,
          'font-size': 11.5,
          fill: lane === 'unstaged' ? '#9ca3af' : '#374151',
          'font-weight': 600,
        },
        lane,
      ),
    ),
  )

  const points = []
  const sessionMarks = []
  let start = laneLabel
  sessions.forEach((session, index) => {
    const span = sessionWidth(session)
    session.touchpoints.forEach((tp, i) =>
      points.push({ tp, x: start + column * (i + 0.5), y: laneY(tp.stage) }),
    )
    const clipId = `session-clip-${index}`
    sessionMarks.push(
      svg(
        'g',
        { class: 'session', 'data-channel': session.channel },
        svg(
          'clipPath',
          { id: clipId },
          svg('rect', { x: start, y: 0, width: span - 4, height: top }),
        ),
        svg('rect', {
          x: start + 2,
          y: 6,
          width: span - 6,
          height: 4,
          rx: 2,
          fill: colorOf(session.channel),
        }),
        svg(
          'text',
          { x: start + 3, y: 27, 'font-size': 11, fill: '#374151', 'clip-path': `url(#${clipId})` },
          svg('tspan', { 'font-weight': 600 }, `Visit ${index + 1}`),
          svg(
            'tspan',
            { fill: '#6b7280' },
            ` · ${label(session.channel)} · ${dayTime.format(new Date(session.touchpoints[0].ts))}`,
          ),
        ),
        svg(
          'title',
          {},
          `Visit ${index + 1} (session ${session.id}): came through ${label(session.channel)}`,
        ),
        index > 0
          ? svg('line', {
              x1: start - gap / 2,
              x2: start - gap / 2,
              y1: 4,
              y2: height - 20,
              stroke: '#cbd5e1',
              'stroke-dasharray': '3 3',
            })
          : undefined,
      ),
    )
    start += span + gap
  })

  const path = svg('polyline', {
    points: points.map((p) => `${p.x},${p.y}`).join(' '),
    fill: 'none',
    stroke: '#c7d2fe',
    'stroke-width': 2,
    'stroke-linejoin': 'round',
  })
  const markers = points.map(({ tp, x, y }, index) =>
    svg(
      'g',
      {
        class: 'tp',
        'data-id': tp.id,
        'data-type': tp.type,
        'data-stage': tp.stage ?? 'unstaged',
        'data-channel': tp.channel,
        transform: `translate(${x},${y})`,
        onclick: () => onPick(tp.id),
      },
      svg(
        'title',
        {},
        `${index + 1}. ${label(tp.type)} · ${tp.stage ?? 'no stage'} · ${label(tp.channel)}\n` +
          `${clock.format(new Date(tp.ts))} · ${tp.page.path ?? tp.page.url}\n${describe(tp)}`,
      ),
      svg('circle', { r: 11, fill: colorOf(tp.channel), stroke: '#fff', 'stroke-width': 2 }),
      svg(
        'text',
        { y: 4, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 700, fill: '#fff' },
        glyphOf(tp.type),
      ),
    ),
  )
  const every = Math.ceil((withSeconds ? 50 : 36) / column)
  const ticks = points
    .filter((_, index) => index % every === 0)
    .map(({ tp, x }) =>
      svg(
        'text',
        {
          x,
          y: height - 6,
          'text-anchor': 'middle',
          'font-size': 10,
          fill: '#9ca3af',
        },
        withSeconds ? clock.format(new Date(tp.ts)) : clock.format(new Date(tp.ts)).slice(0, 5),
      ),
    )

  return svg(
    'svg',
    { width: totalWidth, height, role: 'img', 'aria-label': 'Touchpoints by stage over time' },
    lanes,
    sessionMarks,
    path,
    markers,
    ticks,
  )
}
