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
