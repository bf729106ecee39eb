// The path models of SPEC §7: how one conversion's credit is split over its touches.
// Each takes the touches oldest first ({ key, ageSeconds }) and returns one weight per touch,
// summing to 1 (an empty path gets no weights: the caller credits `(none)`).

const HALF_LIFE_SECONDS = 7 * 24 * 3600

const first = (touches) => touches.map((_, i) => (i === 0 ? 1 : 0))

const last = (touches) => touches.map((_, i) => (i === touches.length - 1 ? 1 : 0))

const linear = (touches) => touches.map(() => 1 / touches.length)

// A touch's weight halves for every 7 days between it and the conversion.
const timeDecay = (touches) => {
  const raw = touches.map((touch) => 2 ** (-touch.ageSeconds / HALF_LIFE_SECONDS))
  const total = raw.reduce((sum, weight) => sum + weight, 0)
  return raw.map((weight) => weight / total)
}

// 40 % to the first and last touch, 20 % shared by those between; 50/50 for two, all for one.
const position = (touches) => {
  const n = touches.length
  if (n <= 2) return touches.map(() => 1 / n)
  return touches.map((_, i) => (i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2)))
}

/** Per-path models by name; `markov` is not one (it needs every path: see markov.mjs). */
export const PATH_MODELS = { first, last, linear, time_decay: timeDecay, position }

/** Every model `/api/attribution` answers. */
export const MODELS = [...Object.keys(PATH_MODELS), 'markov']

const DOUBLE = (expr) => `CAST(${expr} AS DOUBLE PRECISION)`

// The same splits in SQL, over one conversion's touches: `i` is a touch's place (1 = oldest,
// ordered by time then key as above), `n` the path's length, `decay` its 2^(-age / half-life)
// and `decays` their sum on the path. Run in the database, they leave one row per key.
const WEIGHTS_SQL = {
  first: `CASE WHEN i = 1 THEN 1.0 ELSE 0.0 END`,
  last: `CASE WHEN i = n THEN 1.0 ELSE 0.0 END`,
  linear: `1.0 / n`,
  time_decay: `decay / decays`,
  position: `CASE WHEN n <= 2 THEN 1.0 / n WHEN i = 1 OR i = n THEN 0.4 ELSE 0.2 / (n - 2) END`,
}

/**
 * SQL giving each key its credit under a path model, by currency: rows `(key, currency,
 * conversions, value)`; it follows paths.mjs's WITH clause and reads its `credited` rows.
 */
export const pathCreditSql = (model) => `
  SELECT key, currency, SUM(weight) AS conversions, SUM(weight * value) AS value
  FROM (
    SELECT key, currency, value, ${DOUBLE(WEIGHTS_SQL[model])} AS weight
    FROM (
      SELECT key, currency, value,
        ROW_NUMBER() OVER (PARTITION BY id ORDER BY ts, key) AS i,
        ${DOUBLE('COUNT(*) OVER (PARTITION BY id)')} AS n,
        POWER(2.0, -age / ${HALF_LIFE_SECONDS}) AS decay,
        SUM(POWER(2.0, -age / ${HALF_LIFE_SECONDS})) OVER (PARTITION BY id) AS decays
      FROM credited WHERE key IS NOT NULL
    ) AS placed
  ) AS weighted
  GROUP BY key, currency`
