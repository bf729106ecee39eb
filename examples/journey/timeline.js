// The journey timeline of one visitor or customer, in plain SVG: stage lanes, the answers on the
// touchpoints they rate, friction marked, and the emotion curve under the lanes.
import { LANES, clock, colorOf, dayTime, glyphOf, label, svg } from './dom.js'
import { describe } from './details.js'
import { FRICTION, answerText, emotionCurve, feltColor, normalise } from './feeling.js'
import { siteOf } from './customers.js'

/** Groups a journey's touchpoints into sessions (visits), in order. */
export const sessionsOf = (touchpoints) => {
  const sessions = []
  for (const tp of touchpoints) {
    const last = sessions.at(-1)
    if (last && last.id === tp.sessionId) last.touchpoints.push(tp)
    else
      sessions.push({
        id: tp.sessionId,
        channel: tp.channel,
        anonymousId: tp.anonymousId,
        touchpoints: [tp],
      })
  }
  return sessions
}

const EMOTION_HEIGHT = 74

// The score badges above a touchpoint that visitors rated.
// Above the marker; below it in the top lane, where above is the visit's label.
const answerBadges = (answers, below) =>
  answers.map((answer, index) => {
    const text = answerText(answer.props)
    const width = 8 + text.length * 6.2
    return svg(
      'g',
      {
        class: 'answer',
        'data-id': answer.id,
        'data-scale': answer.props.scale,
        'data-score': answer.props.score,
        transform: `translate(${-width / 2},${below ? 15 + index * 17 : -31 - index * 17})`,
      },
      svg(
        'title',
        {},
        `${answerText(answer.props)}${answer.props.question ? ` · “${answer.props.question}”` : ''}`,
      ),
      svg('rect', {
        width,
        height: 15,
        rx: 7.5,
        fill: feltColor(normaliseAnswer(answer)),
      }),
      svg(
        'text',
        {
          x: width / 2,
          y: 11,
          'text-anchor': 'middle',
          'font-size': 10,
          'font-weight': 700,
          fill: '#fff',
        },
        text,
      ),
    )
  })

const normaliseAnswer = (answer) => normalise(answer.props?.scale, answer.props?.score)

/**
 * Draws the journey as SVG: one lane per stage, touchpoints left to right in order, visits
 * separated; a marker's colour is its channel and its letter its type. `answers` (rated id →
 * feedback touchpoints, from placeFeedback) sit on their touchpoints as score badges; friction
 * touchpoints get a red ring; the emotion curve runs under the lanes. With `devices` (a customer's
 * journey, from devicesOf) each visit says which device and site it came from. `onPick` gets an id.
 */
export const drawTimeline = (sessions, width, onPick, { answers = new Map(), devices } = {}) => {
  const count = sessions.reduce((sum, session) => sum + session.touchpoints.length, 0)
  const laneLabel = 108
  const gap = 24
  const top = devices ? 58 : 40
  const laneHeight = 34
  const minSession = devices ? 180 : 132 // room for a session's labels
  const fixed = laneLabel + 16 + gap * (sessions.length - 1)
  const column = Math.max(30, Math.min(72, (width - fixed) / Math.max(count, 1)))
  const sessionWidth = (session) => Math.max(session.touchpoints.length * column, minSession)
  const totalWidth = Math.max(width, fixed + sessions.reduce((sum, s) => sum + sessionWidth(s), 0))
  const lanesBottom = top + laneHeight * LANES.length
  const emotionTop = lanesBottom + 6
  const height = emotionTop + EMOTION_HEIGHT + 22
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
    const device = devices?.get(session.anonymousId)
    const sites = [...new Set(session.touchpoints.map(siteOf).filter(Boolean))]
    sessionMarks.push(
      svg(
        'g',
        {
          class: 'session',
          'data-channel': session.channel,
          'data-device': device?.name,
          'data-sites': device ? sites.join(' ') : undefined,
        },
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
        device
          ? svg(
              'g',
              { class: 'device', 'clip-path': `url(#${clipId})` },
              svg('rect', {
                x: start + 3,
                y: 35,
                width: 10,
                height: 10,
                rx: 2,
                fill: device.color,
              }),
              svg(
                'text',
                { x: start + 17, y: 44, 'font-size': 11, fill: device.color, 'font-weight': 600 },
                device.name,
                svg(
                  'tspan',
                  { fill: '#6b7280', 'font-weight': 400 },
                  `${device.screen ? ` (${device.screen})` : ''} · ${sites.join(' → ')}`,
                ),
              ),
            )
          : undefined,
        svg(
          'title',
          {},
          `Visit ${index + 1} (session ${session.id}): came through ${label(session.channel)}` +
            (device ? `\n${device.name}: ${session.anonymousId} on ${sites.join(', ')}` : ''),
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
  const markers = points.map(({ tp, x, y }, index) => {
    const friction = FRICTION.has(tp.type)
    const rated = answers.get(tp.id) ?? []
    return svg(
      'g',
      {
        class: `tp${friction ? ' friction' : ''}`,
        'data-id': tp.id,
        'data-type': tp.type,
        'data-stage': tp.stage ?? 'unstaged',
        'data-channel': tp.channel,
        'data-answers': rated.length || undefined,
        transform: `translate(${x},${y})`,
        onclick: () => onPick(tp.id),
      },
      svg(
        'title',
        {},
        `${index + 1}. ${label(tp.type)} · ${tp.stage ?? 'no stage'} · ${label(tp.channel)}\n` +
          `${clock.format(new Date(tp.ts))} · ${tp.page.path ?? tp.page.url}\n${describe(tp)}` +
          rated.map((answer) => `\nrated ${answerText(answer.props)}`).join(''),
      ),
      friction
        ? svg('circle', {
            class: 'friction-ring',
            r: 15,
            fill: 'none',
            stroke: '#dc2626',
            'stroke-width': 2,
            'stroke-dasharray': '4 2',
          })
        : undefined,
      svg('circle', { r: 11, fill: colorOf(tp.channel), stroke: '#fff', 'stroke-width': 2 }),
      svg(
        'text',
        { y: 4, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 700, fill: '#fff' },
        glyphOf(tp.type),
      ),
      answerBadges(rated, y < top + laneHeight),
    )
  })

  const emotion = drawEmotion(points, answers, { top: emotionTop, width: totalWidth, laneLabel })
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
    emotion,
    sessionMarks,
    path,
    markers,
    ticks,
  )
}

// The emotion curve's band: a line through the rated touchpoints (−1 at the bottom, +1 at the
// top, the neutral 0 dashed), and a red tick under each friction touchpoint.
const drawEmotion = (points, answers, { top, width, laneLabel }) => {
  const inner = EMOTION_HEIGHT - 16
  const yOf = (value) => top + 8 + ((1 - value) / 2) * inner
  const xById = new Map(points.map((p) => [p.tp.id, p.x]))
  const curve = emotionCurve(
    points.map((p) => p.tp),
    answers,
  ).map((point) => ({ ...point, x: xById.get(point.id), y: yOf(point.value) }))
  const friction = points.filter((p) => FRICTION.has(p.tp.type))
  return svg(
    'g',
    { class: 'emotion', 'data-points': curve.length },
    svg('rect', { x: 0, y: top, width, height: EMOTION_HEIGHT, fill: '#fdfdfd' }),
    svg('line', { x1: 0, x2: width, y1: top, y2: top, stroke: '#e5e7eb' }),
    svg(
      'text',
      { x: 10, y: top + 20, 'font-size': 11.5, fill: '#374151', 'font-weight': 600 },
      'feeling',
    ),
    svg('text', { x: 10, y: top + 34, 'font-size': 10, fill: '#9ca3af' }, 'from answers'),
    svg(
      'text',
      { x: laneLabel - 8, y: yOf(1) + 4, 'font-size': 9, fill: '#16a34a', 'text-anchor': 'end' },
      '+1',
    ),
    svg(
      'text',
      { x: laneLabel - 8, y: yOf(-1) + 3, 'font-size': 9, fill: '#dc2626', 'text-anchor': 'end' },
      '−1',
    ),
    svg('line', {
      x1: laneLabel - 4,
      x2: width,
      y1: yOf(0),
      y2: yOf(0),
      stroke: '#d1d5db',
      'stroke-dasharray': '2 3',
    }),
    friction.map(({ tp, x }) =>
      svg(
        'g',
        { class: 'friction-mark', 'data-id': tp.id, transform: `translate(${x},${yOf(-1)})` },
        svg('title', {}, `${label(tp.type)}: where the visitor got stuck`),
        svg('path', { d: 'M0,-7 L6,4 L-6,4 Z', fill: '#dc2626' }),
      ),
    ),
    curve.length === 0
      ? svg(
          'text',
          {
            class: 'emotion-none',
            x: laneLabel + 8,
            y: yOf(0) - 6,
            'font-size': 11,
            fill: '#9ca3af',
          },
          'no satisfaction answers on this journey',
        )
      : undefined,
    curve.length > 1
      ? svg('polyline', {
          class: 'emotion-line',
          points: curve.map((p) => `${p.x},${p.y}`).join(' '),
          fill: 'none',
          stroke: '#6366f1',
          'stroke-width': 2.5,
          'stroke-linejoin': 'round',
        })
      : undefined,
    curve.map((point) =>
      svg(
        'circle',
        {
          class: 'emotion-point',
          'data-id': point.id,
          'data-value': point.value.toFixed(2),
          cx: point.x,
          cy: point.y,
          r: 4.5,
          fill: feltColor(point.value),
          stroke: '#fff',
          'stroke-width': 1.5,
        },
        svg('title', {}, point.answers.map((answer) => answerText(answer.props)).join(', ')),
      ),
    ),
  )
}
