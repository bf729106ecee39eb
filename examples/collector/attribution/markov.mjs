// The Markov model of SPEC §7: a first-order chain over paths, from `start` to `conversion` or
// `null`; a state's removal effect is the fraction of conversions lost when it is removed (its
// visits go to `null`); credit is the removal effects normalised to sum to 1.
//
// Repeats collapse (email > email > direct is email > direct), as Bryl discusses under
// "consequent duplicated channels" (analyzecore.com, 2017-05-31, Multi-Channel Attribution model
// with R, part 2). For a first-order chain it changes no removal effect: a self-loop leaves a
// state's odds of leaving to each other state as they were, and only those decide where a walk
// ends (a test checks it). Collapsing just keeps the matrix free of self-loops.

const START = '(start)'
const CONVERSION = '(conversion)'
const NULL = '(null)'

/**
 * Transition counts of paths (arrays of states; `converted` says how each ends), repeats
 * collapsed: Map from → Map to → count.
 */
export const countTransitions = (paths) => {
  const counts = new Map()
  const add = (from, to, n) => {
    const row = counts.get(from) ?? counts.set(from, new Map()).get(from)
    row.set(to, (row.get(to) ?? 0) + n)
  }
  for (const { states, converted, count = 1 } of paths) {
    if (states.length === 0) continue
    let previous = START
    for (const state of states) {
      if (state !== previous) add(previous, state, count)
      previous = state
    }
    add(previous, converted ? CONVERSION : NULL, count)
  }
  return counts
}

// Probability that a walk from each state ends in conversion, with `removed` sent to null:
// solves p = P p (p(conversion) = 1, p(null) = 0) by Gaussian elimination; states are few.
const conversionOdds = (counts, removed) => {
  const states = [...counts.keys()].filter((state) => state !== removed)
  const index = new Map(states.map((state, i) => [state, i]))
  const n = states.length
  // Rows of (I - P) p = b, where b is each state's direct odds of converting.
  const a = states.map((from) => {
    const row = new Array(n + 1).fill(0)
    row[index.get(from)] = 1
    const outgoing = counts.get(from)
    const total = [...outgoing.values()].reduce((sum, c) => sum + c, 0)
    for (const [to, c] of outgoing) {
      if (to === CONVERSION) row[n] += c / total
      else if (index.has(to)) row[index.get(to)] -= c / total
    }
    return row
  })
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r
    ;[a[col], a[pivot]] = [a[pivot], a[col]]
    // A zero pivot is a closed loop that never reaches an end: no paths make one (each ends).
    for (let r = 0; r < n; r++) {
      if (r === col || a[r][col] === 0) continue
      const factor = a[r][col] / a[col][col]
      for (let k = col; k <= n; k++) a[r][k] -= factor * a[col][k]
    }
  }
  return index.has(START) ? a[index.get(START)][n] / a[index.get(START)][index.get(START)] : 0
}

/**
 * Removal effect of each state, and its normalised share (summing to 1, or all 0 when nothing
 * converts): `[{ key, removalEffect, share }]`.
 */
export const markovShares = (paths) => {
  const counts = countTransitions(paths)
  const base = conversionOdds(counts)
  const states = [...counts.keys()].filter((state) => state !== START)
  const effects = states.map((key) => ({
    key,
    removalEffect: base === 0 ? 0 : 1 - conversionOdds(counts, key) / base,
  }))
  const total = effects.reduce((sum, { removalEffect }) => sum + removalEffect, 0)
  return effects.map((effect) => ({
    ...effect,
    share: total === 0 ? 0 : effect.removalEffect / total,
  }))
}
