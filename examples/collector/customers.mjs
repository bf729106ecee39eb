// Which customer each touchpoint belongs to (SPEC §7 "Customers"), as SQL that DuckDB and
// PostgreSQL 15 both run: window functions only, no IGNORE NULLS (PostgreSQL lacks it).
//
// The customer key is the userId: touchpoints carrying one belong to it. A touchpoint without one
// takes, on its anonymousId, the userId of the latest touchpoint before it that had one (that
// customer's identify until the next); before the first one it takes the first userId seen there.
// So every anonymousId seen with a user joins that customer, before and after identify, and a
// shared computer splits at each identify. Never-identified visitors are keyed by anonymousId.
// Keys carry a prefix ('u:' / 'a:') so a userId and an anonymousId that happen to be equal differ.

// Most anonymousIds have one userId or none, and then every touchpoint of theirs has one owner:
// only shared computers (several userIds) need the ordered window, so only they pay for it.
// Owners come from the touchpoints that carry a userId (a fraction of all), and MIN < MAX says
// "several" without the sort a COUNT(DISTINCT) costs; an anonymousId never seen with one has none.
const owners = (table) => `
  SELECT anonymous_id, MIN(user_id) AS only_user, MIN(user_id) < MAX(user_id) AS shared
  FROM ${table} WHERE user_id IS NOT NULL GROUP BY anonymous_id`

const keyed = (owner) => `${owner} AS customer_user_id,
    CASE WHEN ${owner} IS NULL THEN 'a:' || anonymous_id ELSE 'u:' || ${owner} END AS customer_key`

const ALL_COLUMNS = [
  'id',
  'type',
  'ts',
  'anonymous_id',
  'session_id',
  'channel',
  'props',
  'user_id',
]

/**
 * SQL selecting every touchpoint with `customer_key` and `customer_user_id` (null when anonymous),
 * plus `columns`: expressions over the touchpoints table's unqualified columns (`'ts'`,
 * `"CASE WHEN type = 'purchase' THEN props END AS props"`); fewer columns read less. Use it as a
 * CTE: `WITH customer_touchpoints AS MATERIALIZED (${customerTouchpoints([…])}) …`. `table` may
 * name a part of the touchpoints (a CTE with the columns used): a customer's touchpoints are all
 * there when it holds every touchpoint of each anonymousId seen with its userId.
 */
export const customerTouchpoints = (columns = ALL_COLUMNS, table = 'touchpoints') => {
  const list = columns.join(', ')
  return `
  SELECT ${list}, ${keyed('only_user')}
  FROM ${table} AS touchpoints LEFT JOIN (${owners(table)}) AS owners USING (anonymous_id)
  WHERE shared IS NOT TRUE
  UNION ALL
  SELECT ${list}, ${keyed('COALESCE(user_id, run_user, first_user)')}
  FROM (
    SELECT *,
      -- A run starts at each touchpoint with a userId: one userId per run, the run's first row.
      MAX(user_id) OVER (PARTITION BY anonymous_id, run) AS run_user,
      MAX(CASE WHEN run = 1 THEN user_id END) OVER (PARTITION BY anonymous_id) AS first_user
    FROM (
      SELECT touchpoints.*,
        COUNT(user_id) OVER (PARTITION BY anonymous_id ORDER BY ts, id
          ROWS UNBOUNDED PRECEDING) AS run
      FROM ${table} AS touchpoints JOIN (${owners(table)}) AS owners USING (anonymous_id)
      WHERE shared
    ) AS runs
  ) AS shared_computers`
}

/** Every touchpoint's columns with its customer (see customerTouchpoints). */
export const CUSTOMER_TOUCHPOINTS = customerTouchpoints()
