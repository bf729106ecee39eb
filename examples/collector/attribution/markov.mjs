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

// The chain is all the model needs of the paths, so the database counts its transitions (Anderl,
// Becker, von Wangenheim and Schumann 2016, "Mapping the customer journey: Lessons learned from
// graph-based online attribution modeling", IJRM 33(3): the removal effect of a state is
// 1 - P(conversion | state removed) / P(conversion), both read off the transition matrix).
// conversionOdds below solves for P on the absorbing chain in JS: the states are a dozen or so.

/**
 * SQL counting the transitions of every path, repeats collapsed: `ctes` to add to paths.mjs's
 * WITH clause, then `select` gives rows `(from_state, to_state, transitions)`. Converting paths
 * are `credited`'s touches of conversions in [from, to); a customer's touches in [from, to) after
 * their last conversion are their path to null (`range` and `everyTouch` from pathsWith).
 */
export const transitionsSql = ({ range, everyTouch }) => ({
  ctes: `,
    walks AS (
      SELECT TRUE AS converted, id AS path, key, ts FROM credited WHERE key IS NOT NULL
      UNION ALL
      SELECT FALSE, t.customer_key, t.key, t.ts
      FROM (${everyTouch}) AS t
      LEFT JOIN (SELECT customer_key, MAX(ts) AS last_ts FROM conversions GROUP BY customer_key)
        AS last ON last.customer_key = t.customer_key
      WHERE (last.last_ts IS NULL OR t.ts > last.last_ts)${range('t.ts')}
    ),
    -- One sort: each touch and the one before it on its path; repeats collapse.
    moves AS (
      SELECT converted, from_state, to_state, COUNT(*) AS n
      FROM (
        SELECT converted, key AS to_state,
          COALESCE(LAG(key) OVER (PARTITION BY converted, path ORDER BY ts, key), '${START}')
            AS from_state
        FROM walks
      ) AS steps
      WHERE from_state <> to_state
      GROUP BY converted, from_state, to_state
    )`,
  // A path's last state is entered once more than it is left, every other state as often: so
  // each state's ends (to conversion or null) are its entries less its exits, counted above.
  select: `
    SELECT from_state, to_state, CAST(SUM(n) AS DOUBLE PRECISION) AS transitions
    FROM moves GROUP BY from_state, to_state
    UNION ALL
    SELECT state, CASE WHEN converted THEN '${CONVERSION}' ELSE '${NULL}' END,
      CAST(SUM(n) AS DOUBLE PRECISION)
    FROM (
      SELECT converted, to_state AS state, n FROM moves
      UNION ALL
      SELECT converted, from_state, -n FROM moves WHERE from_state <> '${START}'
    ) AS visits
    GROUP BY converted, state
    HAVING SUM(n) > 0`,
})

/** Transition rows `{ from, to, transitions }` as countTransitions' Map from → Map to → count. */
export const transitionCounts = (rows) => {
  const counts = new Map()
  for (const { from, to, transitions } of rows) {
    const row = counts.get(from) ?? counts.set(from, new Map()).get(from)
    row.set(to, Number(transitions))
  }
  return counts
}

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
export const markovShares = (paths) => sharesOf(countTransitions(paths))

/** markovShares from transition counts (Map from → Map to → count), as transitionsSql gives. */
export const sharesOf = (counts) => {
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
