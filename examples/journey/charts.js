// Across visitors: the stage funnel and the channel × touchpoint matrix.
import { TYPE_GLYPHS, dot, el, label, svg } from './dom.js'
import { table } from './table.js'

/** The stage funnel: distinct visitors per stage, as bars, into `container`. */
export const renderFunnel = (container, { visitors, stages }) => {
  const width = container.clientWidth || 480
  const row = 38
  const labelWidth = 104
  const barMax = width - labelWidth - 92
  const top = Math.max(1, visitors)
  const bars = stages.map(({ stage, visitors: count }, index) => {
    const share = count / top
    const previous = index > 0 ? stages[index - 1].visitors : undefined
    return svg(
      'g',
      {
        class: 'stage',
        'data-stage': stage,
        'data-visitors': count,
        transform: `translate(0,${index * row})`,
      },
      svg('text', { x: 0, y: 20, 'font-size': 12, fill: '#374151', 'font-weight': 600 }, stage),
      svg('rect', { x: labelWidth, y: 6, width: barMax, height: 20, rx: 4, fill: '#f3f4f6' }),
      svg('rect', {
        x: labelWidth,
        y: 6,
        width: Math.max(2, barMax * share),
        height: 20,
        rx: 4,
        fill: '#4f46e5',
        'fill-opacity': 0.35 + 0.65 * (1 - index / stages.length),
      }),
      svg(
        'text',
        { x: labelWidth + barMax + 8, y: 20, 'font-size': 12, fill: '#111827', 'font-weight': 600 },
        `${count}`,
        svg('tspan', { fill: '#6b7280', 'font-weight': 400 }, `  ${Math.round(share * 100)}%`),
      ),
      previous
        ? svg(
            'title',
            {},
            `${count} of ${previous} visitors of the stage before (${Math.round((count / previous) * 100)}%)`,
          )
        : undefined,
    )
  })
  container.replaceChildren(
    svg(
      'svg',
      {
        width,
        height: stages.length * row + 4,
        role: 'img',
        'aria-label': 'Distinct visitors per stage',
      },
      bars,
    ),
    el(
      'div',
      { style: 'color:#6b7280;font-size:11px' },
      `of ${visitors} ${visitors === 1 ? 'visitor' : 'visitors'} in all`,
    ),
  )
}

/** The channel × touchpoint type matrix, as a heat-mapped table, into `container`. */
export const renderMatrix = (container, rows) => {
  if (rows.length === 0) {
    container.replaceChildren(el('p', { class: 'empty' }, 'Nothing yet.'))
    return
  }
  const channels = [...new Set(rows.map((r) => r.channel))]
  const types = [...new Set(rows.map((r) => r.type))].sort(
    (a, b) =>
      (Object.keys(TYPE_GLYPHS).indexOf(a) + 1 || 99) -
      (Object.keys(TYPE_GLYPHS).indexOf(b) + 1 || 99),
  )
  const cell = new Map(rows.map((r) => [`${r.channel}|${r.type}`, r]))
  const max = Math.max(...rows.map((r) => r.touchpoints))
  const total = (filter) => rows.filter(filter).reduce((sum, r) => sum + r.touchpoints, 0)
  container.replaceChildren(
    table({
      head: [
        el('th', {}),
        types.map((type) => el('th', { title: type }, label(type))),
        el('th', {}, 'total'),
      ],
      body: channels.map((channel) =>
        el(
          'tr',
          {},
          el('th', {}, el('span', { class: 'chip' }, dot(channel), label(channel))),
          types.map((type) => {
            const found = cell.get(`${channel}|${type}`)
            const strength = found ? 0.08 + 0.72 * (found.touchpoints / max) : 0
            return el(
              'td',
              {
                'data-channel': channel,
                'data-type': type,
                title: found
                  ? `${found.touchpoints} touchpoints from ${found.visitors} visitors`
                  : 'none',
                style: found
                  ? `background:rgba(79,70,229,${strength.toFixed(2)});color:${strength > 0.5 ? '#fff' : '#111827'}`
                  : 'color:#d1d5db',
              },
              found ? String(found.touchpoints) : '·',
            )
          }),
          el('td', { class: 'total' }, String(total((r) => r.channel === channel))),
        ),
      ),
      foot: el(
        'tr',
        {},
        el('th', {}, ''),
        types.map((type) => el('td', {}, String(total((r) => r.type === type)))),
        el('td', {}, String(total(() => true))),
      ),
    }),
  )
}
