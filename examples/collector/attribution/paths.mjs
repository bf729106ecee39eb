// Attribution paths (SPEC §7 "Conversions and touchpoint value"), in SQL that DuckDB and
// PostgreSQL 15 both run, over the customers of customers.mjs.
//
// A touch is a session for by=channel (its channel, at its first non-conversion touchpoint's time)
// or a non-conversion touchpoint for by=type (its type). Each touch belongs to its customer's next
// conversion: so a second conversion gets only the touches after the first. Of those, a
// conversion keeps the ones in the 30 days before it. Touches after a customer's last conversion
// (all of them for a customer who never converted) form that customer's path to `null`.
//
// The paths stay in the database: the queries here end in a few rows per key (models.mjs and
// markov.mjs build them), since reading a million touches into JS objects costs seconds.
import { customerTouchpoints } from '../customers.mjs'

/** The touch keys a path can be made of. */
export const BYS = ['channel', 'type']

const WINDOW = `INTERVAL '30 days'`

// Conversion types come from the collector's own flag, not a request; still quoted as literals.
const sqlList = (values) =>
  values.map((value) => `'${String(value).replaceAll("'", "''")}'`).join(', ')

// A session's channel is set at its first touchpoint and carried by all of them (SPEC §3), so
// MIN(channel) is that channel; a GROUP BY is much cheaper than a window here. Path models need
// only converting customers' touches: the semi-join on the few conversions goes first, so the
// grouping and the join to conversions read a tenth of the rows; markov needs every customer's.
const touchesSql = (by, types, everyone) => {
  const where = `type NOT IN (${types})${
    everyone ? '' : ' AND customer_key IN (SELECT customer_key FROM conversions)'
  }`
  return by === 'channel'
    ? `SELECT customer_key, MIN(ts) AS ts, MIN(channel) AS key FROM customer_touchpoints
      WHERE ${where} GROUP BY customer_key, session_id`
    : `SELECT customer_key, ts, type AS key FROM customer_touchpoints WHERE ${where}`
}

/**
 * The WITH clause every attribution query starts from, and its parameters. It names
 * `conversions` (customer_key, id, ts, value, currency; all of them, for the paths to null),
 * `touches` (customer_key, ts, key) and `credited`: one row per conversion in [from, to) and touch
 * of its path (id, value, currency, key, ts, age in seconds before the conversion), or a single
 * row with a null key and touch for a conversion without one. `range(column)` gives the
 * `AND column in [from, to)` conditions. `touches` holds converting customers' touches only;
 * with `everyone`, `everyTouch` is the SQL of every customer's (markov's paths to null).
 */
export const pathsWith = ({ by, conversionTypes, from, to, everyone = false }) => {
  if (!BYS.includes(by)) throw new Error(`by must be one of ${BYS.join(', ')}`)
  const types = sqlList(conversionTypes)
  const params = [from, to].filter(Boolean)
  // from is $1 when given, to the next.
  const bounds = []
  if (from) bounds.push((column) => `${column} >= CAST($1 AS TIMESTAMPTZ)`)
  if (to) bounds.push((column) => `${column} < CAST($${params.length} AS TIMESTAMPTZ)`)
  const range = (column) => bounds.map((bound) => ` AND ${bound(column)}`).join('')
  // Only the columns the paths need: the join's result is read twice (touches, conversions), so
  // it is computed once and kept narrow. Props (JSON) are read for the conversions alone.
  const columns = ['type', 'ts', 'id', ...(by === 'channel' ? ['session_id', 'channel'] : [])]
  // Path models need converting customers only: the anonymousIds of conversions, and every one
  // seen with a userId seen there (a superset of those customers' anonymousIds), so the identity
  // join reads a tenth of the table. Markov's paths to null need everyone.
  const scope = everyone
    ? ''
    : `converting_visitors AS MATERIALIZED (
      SELECT anonymous_id FROM touchpoints WHERE type IN (${types})
      UNION
      SELECT anonymous_id FROM touchpoints WHERE user_id IN (
        SELECT user_id FROM touchpoints WHERE user_id IS NOT NULL AND anonymous_id IN (
          SELECT anonymous_id FROM touchpoints WHERE type IN (${types})))
    ),
    -- Their touchpoints first (materialized, so the joins below read only these).
    scoped AS MATERIALIZED (
      SELECT id, type, ts, anonymous_id, user_id, session_id, channel FROM touchpoints
      WHERE anonymous_id IN (SELECT anonymous_id FROM converting_visitors)
    ),`
  const sql = `
    WITH ${scope}
    customer_touchpoints AS MATERIALIZED (
      ${customerTouchpoints(columns, everyone ? 'touchpoints' : 'scoped')}),
    conversions AS MATERIALIZED (
      SELECT customer_key, c.id, c.ts,
        COALESCE(CAST(p.props->>'value' AS DOUBLE PRECISION), 0) AS value,
        p.props->>'currency' AS currency,
        -- The previous conversion's time; for the first, a time before the window (a plain AND in
        -- the join below keeps it a hash join).
        COALESCE(LAG(c.ts) OVER (PARTITION BY customer_key ORDER BY c.ts, c.id),
          c.ts - ${WINDOW} - INTERVAL '1 day') AS after_ts
      FROM customer_touchpoints AS c
      JOIN (SELECT id, props FROM touchpoints WHERE type IN (${types})) AS p ON p.id = c.id
      WHERE c.type IN (${types})
    ),
    touches AS (${touchesSql(by, types, false)}),
    -- A touch belongs to the first conversion at or after it (so after the one before), if that
    -- is at most 30 days later. The hash join is on the customer; conversions are few.
    credited AS MATERIALIZED (
      SELECT c.id, c.value, c.currency, t.key, t.ts,
        CAST(EXTRACT(EPOCH FROM c.ts) - EXTRACT(EPOCH FROM t.ts) AS DOUBLE PRECISION) AS age
      FROM conversions AS c
      LEFT JOIN touches AS t ON t.customer_key = c.customer_key AND t.ts <= c.ts
        AND t.ts >= c.ts - ${WINDOW} AND t.ts > c.after_ts
      WHERE TRUE${range('c.ts')}
    )`
  return { sql, params, range, everyTouch: touchesSql(by, types, true) }
}

/**
 * Conversions in [from, to) by currency and whether a touch came before them:
 * SQL rows `(touched, currency, conversions, value)`, to follow `pathsWith`'s clause.
 */
export const CONVERSION_TOTALS = `
  SELECT touched, currency, CAST(COUNT(*) AS DOUBLE PRECISION) AS conversions,
    SUM(value) AS value
  FROM (SELECT id, currency, value, COUNT(key) > 0 AS touched FROM credited
    GROUP BY id, currency, value) AS each_conversion
  GROUP BY touched, currency`
