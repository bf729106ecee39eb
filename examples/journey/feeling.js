// How a touchpoint felt: one scale for every satisfaction answer, the answers placed on the
// touchpoints they rate, and the journey's emotion curve.
//
// The common scale is −1 (worst) … 0 (neutral) … +1 (best), linear between each scale's ends and
// its midpoint, so answers on different scales can share one line:
//   csat 1–5   → (score − 3) / 2         (3, "neutral", is 0)
//   nps 0–10   → (score − 5) / 5         (5 is 0; promoters 9–10 are ≥ +0.8, detractors ≤ +0.2)
//   ces 1–7    → (score − 4) / 3         (CES 2.0 wording, "… made it easy": 7 is best)
//   thumbs 0–1 → score ? +1 : −1
// The same mapping turns the collector's aggregates (mean csat and ces, the NPS of −100…100, the %
// of thumbs up) into one figure for the weak-links panel: feltOf().

/** The touchpoint types that record friction: where a visitor got stuck. */
export const FRICTION = new Set(['form_abandon', 'rage_click'])

const SCALES = {
  csat: (score) => (score - 3) / 2,
  nps: (score) => (score - 5) / 5,
  ces: (score) => (score - 4) / 3,
  thumbs: (score) => (score ? 1 : -1),
}

/** One answer on the common −1…+1 scale; undefined for an unknown scale or a missing score. */
export const normalise = (scale, score) => {
  const map = SCALES[scale]
  if (!map || typeof score !== 'number' || !Number.isFinite(score)) return undefined
  return Math.max(-1, Math.min(1, map(score)))
}

/** An answer as people say it: "CSAT 4/5", "NPS 9/10", "CES 6/7", "thumbs up" / "thumbs down". */
export const answerText = ({ scale, score }) =>
  scale === 'thumbs'
    ? `thumbs ${score ? 'up' : 'down'}`
    : `${scale.toUpperCase()} ${score}/${{ csat: 5, nps: 10, ces: 7 }[scale] ?? '?'}`

/**
 * The mean of an aggregate row's satisfaction figures (csat, nps, ces, thumbs as
 * /api/satisfaction gives them) on the common scale; undefined when the row has no answers.
 */
export const feltOf = (row) => {
  const parts = [
    row.csat == null ? undefined : SCALES.csat(row.csat),
    row.nps == null ? undefined : row.nps / 100,
    row.ces == null ? undefined : SCALES.ces(row.ces),
    row.thumbs == null ? undefined : row.thumbs / 50 - 1,
  ].filter((value) => value !== undefined && Number.isFinite(value))
  return parts.length ? parts.reduce((sum, value) => sum + value, 0) / parts.length : undefined
}

/** A colour from red (−1) through amber (0) to green (+1). */
export const feltColor = (value) =>
  value === undefined ? '#9ca3af' : value < -0.2 ? '#dc2626' : value > 0.2 ? '#16a34a' : '#d97706'

/**
 * Splits a journey into the touchpoints to draw and the answers that sit on them: a `feedback`
 * whose `about.touchpointId` is in the journey is drawn on that touchpoint, not on its own.
 * @returns {{ shown: object[], answers: Map<string, object[]> }} answers by rated touchpoint id
 */
export const placeFeedback = (touchpoints) => {
  const ids = new Set(touchpoints.map((tp) => tp.id))
  const answers = new Map()
  const shown = []
  for (const tp of touchpoints) {
    const rated = tp.type === 'feedback' ? tp.props?.about?.touchpointId : undefined
    if (rated && ids.has(rated) && rated !== tp.id) {
      answers.set(rated, [...(answers.get(rated) ?? []), tp])
    } else {
      shown.push(tp)
    }
  }
  return { shown, answers }
}

/**
 * The emotion curve: one point per drawn touchpoint that carries feelings (the answers on it, or
 * its own answer when it is an unplaced `feedback`), valued at their mean on the common scale.
 * Touchpoints without an answer get no point: the line joins what visitors said, and guesses none.
 * @returns {{ id: string, value: number, answers: object[] }[]} in journey order
 */
export const emotionCurve = (shown, answers) =>
  shown.flatMap((tp) => {
    const own = tp.type === 'feedback' ? [tp] : []
    const all = [...own, ...(answers.get(tp.id) ?? [])]
    const values = all
      .map((answer) => normalise(answer.props?.scale, answer.props?.score))
      .filter((value) => value !== undefined)
    if (values.length === 0) return []
    const value = values.reduce((sum, v) => sum + v, 0) / values.length
    return [{ id: tp.id, value, answers: all }]
  })
