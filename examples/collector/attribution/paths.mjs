// Attribution paths (SPEC §7 "Conversions and touchpoint value"), in SQL that DuckDB and
// PostgreSQL 15 both run, over the customers of customers.mjs.
//
// A touch is a session for by=channel (its channel, at its first non-conversion touchpoint's time)
// or a non-conversion touchpoint for by=type (its type). Each touch belongs to its customer's next
// conversion: so a second conversion gets only the touches after the first. Of those, a
// conversion keeps the ones in the 30 days before it. Touches after a customer's last conversion
// (all of them for a customer who never converted) form that customer's path to `null`.
import { CUSTOMER_TOUCHPOINTS } from '../customers.mjs'

/** The touch keys a path can be made of. */
export const BYS = ['channel', 'type']

const WINDOW = `INTERVAL '30 days'`

// Conversion types come from the collector's own flag, not a request; still quoted as literals.
const sqlList = (values) =>
  values.map((value) => `'${String(value).replaceAll("'", "''")}'`).join(', ')

// A session's channel is set at its first touchpoint and carried by all of them (SPEC §3), so
// MIN(channel) is that channel; a GROUP BY is much cheaper than a window here.
const touchesSql = (by, conversionTypes) =>
  by === 'channel'
    ? `SELECT customer_key, MIN(ts) AS ts, MIN(channel) AS key FROM customer_touchpoints
      WHERE type NOT IN (${conversionTypes}) GROUP BY customer_key, session_id`
    : `SELECT customer_key, ts, type AS key FROM customer_touchpoints
      WHERE type NOT IN (${conversionTypes})`

/**
 * SQL and its parameters for the paths: one row per conversion in [from, to) (`id`, `value`,
 * `currency`, `keys` and `ages`: its touches oldest first and their seconds before it), and, with
 * `nulls`, one row per customer's path to null (`id` null, touches in [from, to)).
 */
export const pathsQuery = ({ by, conversionTypes, from, to, nulls = false }) => {
  if (!BYS.includes(by)) throw new Error(`by must be one of ${BYS.join(', ')}`)
  const types = sqlList(conversionTypes)
  const params = [from, to].filter(Boolean)
  // from is $1 when given, to the next; both conversions and null paths use them.
  const bounds = []
  if (from) bounds.push((column) => `${column} >= CAST($1 AS TIMESTAMPTZ)`)
  if (to) bounds.push((column) => `${column} < CAST($${params.length} AS TIMESTAMPTZ)`)
  const range = (column) => bounds.map((bound) => ` AND ${bound(column)}`).join('')
  // A touch belongs to the first conversion at or after it (so after the one before), if that
  // is at most 30 days later. Windows run over conversions only, which are few.
  const converting = `
    SELECT c.id, c.value, c.currency,
      array_agg(t.key ORDER BY t.ts, t.key) FILTER (WHERE t.key IS NOT NULL) AS keys,
      array_agg(CAST(EXTRACT(EPOCH FROM c.ts) - EXTRACT(EPOCH FROM t.ts) AS DOUBLE PRECISION)
        ORDER BY t.ts, t.key) FILTER (WHERE t.key IS NOT NULL) AS ages
    FROM conversions AS c
    LEFT JOIN touches AS t ON t.customer_key = c.customer_key AND t.ts <= c.ts
      AND t.ts >= c.ts - ${WINDOW} AND t.ts > c.after_ts
    WHERE TRUE${range('c.ts')}
    GROUP BY c.id, c.value, c.currency`
  const toNull = `
    SELECT CAST(NULL AS TEXT), CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS TEXT),
      array_agg(t.key ORDER BY t.ts, t.key), NULL
    FROM touches AS t
    LEFT JOIN (SELECT customer_key, MAX(ts) AS last_ts FROM conversions GROUP BY customer_key)
      AS last ON last.customer_key = t.customer_key
    WHERE (last.last_ts IS NULL OR t.ts > last.last_ts)${range('t.ts')}
    GROUP BY t.customer_key`
  const sql = `
    WITH customer_touchpoints AS MATERIALIZED (${CUSTOMER_TOUCHPOINTS}),
    touches AS (${touchesSql(by, types)}),
    conversions AS MATERIALIZED (
      SELECT customer_key, id, ts,
        COALESCE(CAST(props->>'value' AS DOUBLE PRECISION), 0) AS value,
        props->>'currency' AS currency,
        -- The previous conversion's time; for the first, a time before the window (a plain AND in
        -- the join below keeps it a hash join).
        COALESCE(LAG(ts) OVER (PARTITION BY customer_key ORDER BY ts, id),
          ts - ${WINDOW} - INTERVAL '1 day') AS after_ts
      FROM customer_touchpoints WHERE type IN (${types})
    )
    ${converting}${nulls ? `\n    UNION ALL${toNull}` : ''}`
  return { sql, params }
}

/**
 * Runs the paths query: `{ conversions: [{ id, value, currency, touches: [{ key, ageSeconds }] }],
 * nulls: [[key, …], …] }`; `query(sql, params)` resolves with row objects (DuckDB or PostgreSQL).
 */
export const readPaths = async (query, options) => {
  const { sql, params } = pathsQuery(options)
  const rows = await query(sql, params)
  const conversions = []
  const nulls = []
  for (const row of rows) {
    if (row.id === null) {
      nulls.push(row.keys)
      continue
    }
    const keys = row.keys ?? []
    conversions.push({
      id: row.id,
      value: Number(row.value),
      currency: row.currency ?? null,
      touches: keys.map((key, i) => ({ key, ageSeconds: Number(row.ages[i]) })),
    })
  }
  return { conversions, nulls }
}
