// Touchpoint rows read back from either database, in the envelope's shape (SPEC §3).

/** SQL: a timestamp as epoch milliseconds, the same number on both databases. */
export const epochMs = (expr) => `(extract(epoch FROM ${expr}) * 1000)::DOUBLE PRECISION`

/** The columns toTouchpoint reads, of the table aliased `alias` (none by default). */
export const touchpointFields = (alias = '') => {
  const c = (column) => (alias ? `${alias}.${column}` : column)
  return `${c('id')} AS id, ${c('type')} AS type, ${epochMs(c('ts'))} AS ts,
  ${epochMs(c('received_at'))} AS received_at, ${['anonymous_id', 'session_id', 'user_id', 'channel', 'stage', 'page_url', 'page_path', 'page_title', 'referrer', 'props', 'context'].map((column) => `${c(column)} AS ${column}`).join(', ')}`
}

/** The columns of `touchpoints` toTouchpoint reads. */
export const TOUCHPOINT_FIELDS = touchpointFields()

/** Back to the envelope's shape, plus when the collector received it. */
export const toTouchpoint = (row) => ({
  id: row.id,
  type: row.type,
  ts: new Date(row.ts).toISOString(),
  receivedAt: new Date(row.received_at).toISOString(),
  anonymousId: row.anonymous_id,
  sessionId: row.session_id,
  userId: row.user_id,
  channel: row.channel,
  ...(row.stage ? { stage: row.stage } : {}),
  page: { url: row.page_url, path: row.page_path, title: row.page_title, referrer: row.referrer },
  props: parseJson(row.props),
  context: parseJson(row.context),
})

// DuckDB hands JSON back as text, PostgreSQL's JSONB as objects.
const parseJson = (value) => {
  if (typeof value !== 'string') return value ?? {}
  try {
    return JSON.parse(value)
  } catch {
    return {}
  }
}
