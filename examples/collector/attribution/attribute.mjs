// GET /api/attribution (SPEC §7): credit for each channel or touchpoint type under one model,
// `{ model, by, currency, conversions, value, rows: [{ key, conversions, value, share }] }`.
// The database splits each conversion and sums by key (paths.mjs, models.mjs) or counts the
// Markov chain's transitions (markov.mjs), so JS reads a few dozen rows whatever the data.
import { sharesOf, transitionCounts, transitionsSql } from './markov.mjs'
import { MODELS, pathCreditSql } from './models.mjs'
import { BYS, CONVERSION_TOTALS, pathsWith } from './paths.mjs'

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
const mostFrequentCurrency = (totals) => {
  const counts = new Map()
  for (const { currency, conversions } of totals) {
    if (currency) counts.set(currency, (counts.get(currency) ?? 0) + conversions)
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
  const paths = pathsWith({ by, conversionTypes, from, to, everyone: model === 'markov' })
  const { sql, params } = paths
  const markov = model === 'markov' ? transitionsSql(paths) : undefined
  // One statement, so the identity join is computed once: the conversion totals, then the
  // credit of each key (path models) or the chain's transitions (markov). A few dozen rows.
  const answered = await query(
    `${sql}${markov?.ctes ?? ''}
    SELECT 'total' AS kind, CASE WHEN touched THEN NULL ELSE '${NONE}' END AS key,
      CAST(NULL AS TEXT) AS next_key, currency, conversions, value
    FROM (${CONVERSION_TOTALS}) AS totals
    UNION ALL
    ${
      markov
        ? `SELECT 'transition', from_state, to_state, NULL, transitions, NULL
          FROM (${markov.select}) AS moves`
        : `SELECT 'credit', key, NULL, currency, conversions, value
          FROM (${pathCreditSql(model)}) AS credit`
    }
    ORDER BY kind, key, next_key, currency`,
    params,
  )
  // Drivers may give numbers as strings (pg's bigint, DuckDB's JSON of big values).
  const rows = answered.map((row) => ({ ...row, conversions: Number(row.conversions) }))
  const totals = rows.filter((row) => row.kind === 'total')
  const currency = options.currency ?? mostFrequentCurrency(totals)
  // Another currency's value is never added: its conversion counts, its value does not.
  const valueIn = (row) => (row.currency === currency ? Number(row.value) : 0)

  const credit = new Map()
  const give = (key, conversions, value) => {
    const row = credit.get(key) ?? credit.set(key, { key, conversions: 0, value: 0 }).get(key)
    row.conversions += conversions
    row.value += value
  }
  for (const row of totals) if (row.key === NONE) give(NONE, row.conversions, valueIn(row))
  if (markov) {
    const touched = totals.filter((row) => row.key !== NONE)
    const conversions = touched.reduce((sum, row) => sum + row.conversions, 0)
    const value = touched.reduce((sum, row) => sum + valueIn(row), 0)
    const counts = transitionCounts(
      rows
        .filter((row) => row.kind === 'transition')
        .map((row) => ({ from: row.key, to: row.next_key, transitions: row.conversions })),
    )
    for (const { key, share } of sharesOf(counts)) give(key, share * conversions, share * value)
  } else {
    for (const row of rows) if (row.kind === 'credit') give(row.key, row.conversions, valueIn(row))
  }

  const conversions = totals.reduce((sum, row) => sum + row.conversions, 0)
  const credited = [...credit.values()]
    .filter((row) => row.conversions > 0)
    .map((row) => ({ ...row, share: conversions === 0 ? 0 : row.conversions / conversions }))
    .sort((a, b) => b.conversions - a.conversions || (a.key < b.key ? -1 : 1))
  const value = totals.reduce((sum, row) => sum + valueIn(row), 0)
  return { model, by, currency, conversions, value, rows: credited }
}
