// The one table both databases hold. Written in SQL both DuckDB and PostgreSQL read; the
// dialect's hooks: the JSON column type and whether the visitor index pays for itself.

/** The row fields validate.mjs produces, in the table's column order. */
export const ROW_FIELDS = [
  'id',
  'type',
  'ts',
  'anonymousId',
  'sessionId',
  'userId',
  'channel',
  'stage',
  'pageUrl',
  'pagePath',
  'pageTitle',
  'referrer',
  'props',
  'context',
]

/** The table's columns for ROW_FIELDS, in the same order. */
export const COLUMNS = ROW_FIELDS.map((field) =>
  field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
)

/** CREATE statements, run at every open (they do nothing when the table exists). */
export const schema = ({ json, visitorIndex = true }) => [
  `CREATE TABLE IF NOT EXISTS touchpoints (
    id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    anonymous_id VARCHAR NOT NULL,
    session_id VARCHAR NOT NULL,
    user_id VARCHAR,
    channel VARCHAR NOT NULL,
    stage VARCHAR,
    page_url VARCHAR,
    page_path VARCHAR,
    page_title VARCHAR,
    referrer VARCHAR,
    props ${json},
    context ${json}
  )`,
  ...(visitorIndex
    ? ['CREATE INDEX IF NOT EXISTS touchpoints_visitor ON touchpoints (anonymous_id, ts)']
    : []),
  // The CRM hand-off's outbox (crmOutbox.mjs): one row per identify or conversion of an
  // identified customer, kept after delivery so a repeated touchpoint never enqueues again.
  `CREATE TABLE IF NOT EXISTS crm_outbox (
    id VARCHAR PRIMARY KEY,
    user_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    body VARCHAR,
    delivered_at TIMESTAMPTZ,
    last_error VARCHAR
  )`,
  ...(visitorIndex
    ? ['CREATE INDEX IF NOT EXISTS crm_outbox_customer ON crm_outbox (user_id, ts, id)']
    : []),
]
