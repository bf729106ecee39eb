// Which customer each touchpoint belongs to (SPEC §7 "Customers"), as SQL that DuckDB and
// PostgreSQL 15 both run: window functions only, no IGNORE NULLS (PostgreSQL lacks it).
//
// The customer key is the userId: touchpoints carrying one belong to it. A touchpoint without one
// takes, on its anonymousId, the userId of the latest touchpoint before it that had one (that
// customer's identify until the next); before the first one it takes the first userId seen there.
// So every anonymousId seen with a user joins that customer, before and after identify, and a
// shared computer splits at each identify. Never-identified visitors are keyed by anonymousId.
// Keys carry a prefix ('u:' / 'a:') so a userId and an anonymousId that happen to be equal differ.

/**
 * SQL selecting every touchpoint with `customer_key` and `customer_user_id` (null when anonymous);
 * use it as a CTE: `WITH customer_touchpoints AS (${CUSTOMER_TOUCHPOINTS}) …`.
 */
export const CUSTOMER_TOUCHPOINTS = `
  SELECT id, type, ts, anonymous_id, session_id, channel, props, user_id,
    COALESCE(user_id, run_user, first_user) AS customer_user_id,
    CASE WHEN COALESCE(user_id, run_user, first_user) IS NULL THEN 'a:' || anonymous_id
      ELSE 'u:' || COALESCE(user_id, run_user, first_user) END AS customer_key
  FROM (
    SELECT *,
      -- A run starts at each touchpoint with a userId: one userId per run, the run's first row.
      MAX(user_id) OVER (PARTITION BY anonymous_id, run) AS run_user,
      MAX(CASE WHEN run = 1 THEN user_id END) OVER (PARTITION BY anonymous_id) AS first_user
    FROM (
      SELECT id, type, ts, anonymous_id, session_id, channel, props, user_id,
        COUNT(user_id) OVER (PARTITION BY anonymous_id ORDER BY ts, id
          ROWS UNBOUNDED PRECEDING) AS run
      FROM touchpoints
    ) AS runs
  ) AS owned`
