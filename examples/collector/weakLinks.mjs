// The weak links (issue 15): touchpoint types and pages ranked so the marketer sees where to act
// first. Each candidate gets two signals on 0–1, and its score is their mean:
//   dissatisfaction = 1 − the mean, over the scales it was rated on, of each scale's figure on
//     0–1: csat (mean − 1) / 4, ces (mean − 1) / 6 (CES 2.0: 7 = easiest), nps (nps + 100) / 200,
//     thumbs % / 100; 0 when nobody rated it.
//   friction = its (abandons + rageClicks) / touchpoints, divided by the highest such rate among
//     the candidates (so the worst is 1); friction counts under the page it happened on and its
//     own type, so by type only satisfaction ranks.
// The signals' own types (feedback, form_abandon, rage_click) are not candidates. Candidates with
// score 0 (no complaint, no friction) are left out; ties: more touchpoints first, then key.

const SIGNAL_TYPES = new Set(['feedback', 'form_abandon', 'rage_click'])

const SCALE_FIGURES = [
  ['csat', (mean) => (mean - 1) / 4],
  ['ces', (mean) => (mean - 1) / 6],
  ['nps', (nps) => (nps + 100) / 200],
  ['thumbs', (percent) => percent / 100],
]

/** 1 − mean satisfaction on 0–1 over the scales a row was rated on; 0 with no answers. */
export const dissatisfaction = (row) => {
  const figures = SCALE_FIGURES.filter(
    ([scale]) => row[scale] !== null && row[scale] !== undefined,
  ).map(([scale, toUnit]) => toUnit(row[scale]))
  if (figures.length === 0) return 0
  return 1 - figures.reduce((sum, figure) => sum + figure, 0) / figures.length
}

const frictionRate = (row) =>
  row.touchpoints > 0 ? (row.abandons + row.rageClicks) / row.touchpoints : 0

const round = (value) => Math.round(value * 1000) / 1000

/**
 * Ranks satisfaction rows by type and by page (as /api/satisfaction answers them), worst first.
 * @param {{ type: object[], page: object[] }} rows
 * @returns {Array<{ kind: 'type' | 'page', key: string, score: number, dissatisfaction: number,
 *   friction: number, touchpoints: number, answers: number, csat: number | null,
 *   nps: number | null, ces: number | null, thumbs: number | null, abandons: number,
 *   rageClicks: number }>}
 */
export const rankWeakLinks = ({ type, page }, { limit = 10 } = {}) => {
  const candidates = [
    ...type.filter((row) => !SIGNAL_TYPES.has(row.key)).map((row) => ({ kind: 'type', row })),
    ...page.map((row) => ({ kind: 'page', row })),
  ]
  const worstRate = Math.max(0, ...candidates.map(({ row }) => frictionRate(row)))
  return candidates
    .map(({ kind, row }) => {
      const unhappy = dissatisfaction(row)
      const friction = worstRate > 0 ? frictionRate(row) / worstRate : 0
      return {
        kind,
        key: row.key,
        score: round((unhappy + friction) / 2),
        dissatisfaction: round(unhappy),
        friction: round(friction),
        touchpoints: row.touchpoints,
        answers: row.answers,
        // The scales' own figures too: the journey map shows how a weak link felt.
        csat: row.csat,
        nps: row.nps,
        ces: row.ces,
        thumbs: row.thumbs,
        abandons: row.abandons,
        rageClicks: row.rageClicks,
      }
    })
    .filter((link) => link.score > 0)
    .sort((a, b) => b.score - a.score || b.touchpoints - a.touchpoints || (a.key < b.key ? -1 : 1))
    .slice(0, limit)
}
