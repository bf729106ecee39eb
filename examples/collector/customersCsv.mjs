// GET /api/customers.csv: one row per identified customer, the summary flattened (RFC 4180).

const sortKeys = (value) =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sortKeys(value[key])]),
      )
    : value

/** Columns and how each reads a summary (customerSummary.mjs). */
export const CSV_COLUMNS = [
  ['userId', (s) => s.userId],
  // Keys sorted: PostgreSQL's JSONB does not keep the order they came in.
  ['traits', (s) => JSON.stringify(sortKeys(s.traits))],
  ['anonymousIds', (s) => s.anonymousIds.join(' ')],
  ['devices', (s) => s.devices],
  ['sites', (s) => s.sites.join(' ')],
  ['touchpoints', (s) => s.touchpoints],
  ['sessions', (s) => s.sessions],
  ['firstTouchAt', (s) => s.firstTouch?.ts],
  ['firstChannel', (s) => s.firstChannel],
  ['firstSite', (s) => s.firstTouch?.site],
  ['stages', (s) => s.stages.join(' ')],
  ['answers', (s) => s.satisfaction.answers],
  ['csat', (s) => s.satisfaction.csat],
  ['nps', (s) => s.satisfaction.nps],
  ['ces', (s) => s.satisfaction.ces],
  ['thumbs', (s) => s.satisfaction.thumbs],
  ['conversions', (s) => s.conversions],
  ['value', (s) => s.value],
  ['currency', (s) => s.currency],
  ['lastTouchAt', (s) => s.lastTouch?.ts],
  ['lastTouchType', (s) => s.lastTouch?.type],
]

// A spreadsheet runs a text cell starting with one of these as a formula (CSV injection, OWASP):
// such text gets a leading quote. Numbers are left alone (an NPS of -20 stays a number).
const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: empty for null, text guarded against formulas, quoted when RFC 4180 needs it. */
export const csvCell = (value) => {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  let text = String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The header line, then a line per summary; lines end with CRLF. */
export const toCsv = (summaries) =>
  [CSV_COLUMNS.map(([name]) => name), ...summaries.map((s) => CSV_COLUMNS.map(([, get]) => get(s)))]
    .map((cells) => `${cells.map(csvCell).join(',')}\r\n`)
    .join('')
