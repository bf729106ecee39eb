// The weak-links panel: the touchpoint types and pages where visitors were least satisfied, or
// got stuck most (form abandons, rage clicks), worst first, so a marketer knows where to act.
import { el, label } from './dom.js'
import { feltColor, feltOf } from './feeling.js'
import { table } from './table.js'

/**
 * Ranks /api/satisfaction rows (by type and by page) when the collector has no /api/weak-links.
 * A row's score, 0 (fine) … 2 (worst), adds how bad it felt, (1 − felt) / 2 on feeling.js's common
 * scale (0 with no answers), and its friction, (abandons + rage clicks) per touchpoint, capped at
 * 1. Rows with neither answers nor friction are not weak links and are left out.
 * @returns {{ kind: 'type' | 'page', key: string, score: number }[]} worst first
 */
export const rankWeakLinks = ({ byType = [], byPage = [] }) =>
  [
    ...byType.map((row) => ({ kind: 'type', ...row })),
    ...byPage.map((row) => ({ kind: 'page', ...row })),
  ]
    .map((row) => {
      const felt = feltOf(row)
      const friction = Math.min(
        1,
        ((row.abandons ?? 0) + (row.rageClicks ?? 0)) / Math.max(1, row.touchpoints ?? 0),
      )
      const score = (felt === undefined ? 0 : (1 - felt) / 2) + friction
      return { ...row, score, hasSignal: felt !== undefined || friction > 0 }
    })
    .filter((row) => row.hasSignal)
    .map(({ hasSignal, ...row }) => row)
    .toSorted((a, b) => b.score - a.score || a.key.localeCompare(b.key))

const figure = (row) => {
  const parts = []
  if (row.csat != null) parts.push(`CSAT ${row.csat.toFixed(1)}`)
  if (row.nps != null) parts.push(`NPS ${Math.round(row.nps)}`)
  if (row.ces != null) parts.push(`CES ${row.ces.toFixed(1)}`)
  if (row.thumbs != null) parts.push(`thumbs up ${Math.round(row.thumbs)}%`)
  return parts.join(' · ') || '—'
}

const count = (value, what) =>
  el('td', { class: value ? 'bad' : 'zero', title: what }, String(value ?? 0))

/**
 * Draws the ranking (from /api/weak-links, or rankWeakLinks) into `container`, at most `limit`
 * rows; `rows` undefined means the collector has no such API: a quiet "not available".
 */
export const renderWeakLinks = (container, rows, { limit = 8 } = {}) => {
  if (rows === undefined) {
    container.replaceChildren(
      el(
        'p',
        { class: 'empty unavailable' },
        'Not available: this collector has no ',
        el('code', {}, '/api/weak-links'),
        ' or ',
        el('code', {}, '/api/satisfaction'),
        '.',
      ),
    )
    return
  }
  if (rows.length === 0) {
    container.replaceChildren(
      el('p', { class: 'empty' }, 'No weak links yet: no low answers, abandons or rage clicks.'),
    )
    return
  }
  const top = Math.max(...rows.map((row) => row.score), 0.01)
  container.replaceChildren(
    table({
      head: [
        ['#'],
        ['where', 'text'],
        ['satisfaction', 'text'],
        ['abandons'],
        ['rage clicks'],
        ['tp', undefined, 'touchpoints'],
        ['weakness', 'text'],
      ].map(([h, align, title]) => el('th', { class: align, title }, h)),
      body: rows.slice(0, limit).map((row, index) => {
        const felt = feltOf(row)
        return el(
          'tr',
          { 'data-kind': row.kind, 'data-key': row.key },
          el('td', { class: 'rank' }, String(index + 1)),
          el(
            'th',
            { title: `${row.kind} ${row.key}` },
            el('span', { class: `kind ${row.kind}` }, row.kind),
            row.kind === 'type' ? label(row.key) : row.key,
          ),
          el(
            'td',
            { class: 'felt' },
            el('span', { class: 'dot', style: `background:${feltColor(felt)}` }),
            ` ${figure(row)}`,
          ),
          count(row.abandons, 'form abandons'),
          count(row.rageClicks, 'rage clicks'),
          el('td', {}, String(row.touchpoints ?? 0)),
          el(
            'td',
            { class: 'score', title: `score ${row.score.toFixed(2)}` },
            el('span', {
              class: 'bar',
              style: `width:${Math.max(4, Math.round((row.score / top) * 60))}px`,
            }),
          ),
        )
      }),
    }),
  )
}
