// GET /api/attribution (SPEC §7): credit for each channel or touchpoint type under one model,
// `{ model, by, currency, conversions, value, rows: [{ key, conversions, value, share }] }`.
// Paths come from SQL (paths.mjs); the split of each conversion is JS (models.mjs, markov.mjs).
import { markovShares } from './markov.mjs'
import { MODELS, PATH_MODELS } from './models.mjs'
import { BYS, readPaths } from './paths.mjs'

/** The conversion types when the collector is given none (`--conversions`). */
export const DEFAULT_CONVERSIONS = ['purchase']

/** Credit of conversions without a touch before them. */
export const NONE = '(none)'

/**
 * Reads `model`, `by`, `from`, `to` and `currency` from a request's query; throws a RangeError
 * (answer 400) for a value outside the contract.
 */
export const attributionOptions = (searchParams, conversionTypes = DEFAULT_CONVERSIONS) => {
  const model = searchParams.get('model') ?? 'last'
  const by = searchParams.get('by') ?? 'channel'
  if (!MODELS.includes(model)) throw new RangeError(`model must be one of ${MODELS.join(', ')}`)
  if (!BYS.includes(by)) throw new RangeError(`by must be one of ${BYS.join(', ')}`)
  const instant = (name) => {
    const value = searchParams.get(name)
    if (value === null) return undefined
    const ms = Date.parse(value)
    if (Number.isNaN(ms)) throw new RangeError(`${name} must be a date or an ISO 8601 time`)
    return new Date(ms).toISOString()
  }
  const currency = searchParams.get('currency') ?? undefined
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    throw new RangeError('currency must be three capital letters (ISO 4217)')
  }
  return { model, by, from: instant('from'), to: instant('to'), currency, conversionTypes }
}

// The currency most conversions were paid in; ties go to the first in alphabetical order.
const mostFrequentCurrency = (conversions) => {
  const counts = new Map()
  for (const { currency } of conversions) {
    if (currency) counts.set(currency, (counts.get(currency) ?? 0) + 1)
  }
  const sorted = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
  return sorted[0]?.[0] ?? null
}

/**
 * The attribution answer; `query(sql, params)` resolves with row objects from the store.
 * @param {{ model: string, by: string, conversionTypes?: string[], from?: string, to?: string,
 *   currency?: string }} options
 */
export const attribute = async (query, options) => {
  const { model, by, conversionTypes = DEFAULT_CONVERSIONS, from, to } = options
  if (!MODELS.includes(model)) throw new RangeError(`model must be one of ${MODELS.join(', ')}`)
  const paths = await readPaths(query, { by, conversionTypes, from, to, nulls: model === 'markov' })
  const currency = options.currency ?? mostFrequentCurrency(paths.conversions)
  // Another currency's value is never added: its conversion counts, its value does not.
  const valueOf = (conversion) => (conversion.currency === currency ? conversion.value : 0)

  const credit = new Map()
  const give = (key, conversions, value) => {
    const row = credit.get(key) ?? credit.set(key, { key, conversions: 0, value: 0 }).get(key)
    row.conversions += conversions
    row.value += value
  }
  const touched = []
  for (const conversion of paths.conversions) {
    if (conversion.touches.length === 0) give(NONE, 1, valueOf(conversion))
    else touched.push(conversion)
  }
  if (model === 'markov') {
    const walks = [
      ...touched.map((c) => ({ states: c.touches.map((touch) => touch.key), converted: true })),
      ...paths.nulls.map((states) => ({ states, converted: false })),
    ]
    const value = touched.reduce((sum, conversion) => sum + valueOf(conversion), 0)
    for (const { key, share } of markovShares(walks))
      give(key, share * touched.length, share * value)
  } else {
    for (const conversion of touched) {
      const weights = PATH_MODELS[model](conversion.touches)
      conversion.touches.forEach((touch, i) => {
        if (weights[i] > 0) give(touch.key, weights[i], weights[i] * valueOf(conversion))
      })
    }
  }

  const conversions = paths.conversions.length
  const rows = [...credit.values()]
    .filter((row) => row.conversions > 0)
    .map((row) => ({ ...row, share: conversions === 0 ? 0 : row.conversions / conversions }))
    .sort((a, b) => b.conversions - a.conversions || (a.key < b.key ? -1 : 1))
  const value = paths.conversions.reduce((sum, conversion) => sum + valueOf(conversion), 0)
  return { model, by, currency, conversions, value, rows }
}
