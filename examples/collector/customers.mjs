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
const OWNERS = `
  SELECT anonymous_id, MIN(user_id) AS only_user, COUNT(DISTINCT user_id) AS users
  FROM touchpoints GROUP BY anonymous_id`

const keyed = (owner, anonymousId) => `${owner} AS customer_user_id,
    CASE WHEN ${owner} IS NULL THEN 'a:' || ${anonymousId} ELSE 'u:' || ${owner} END AS customer_key`

/**
 * SQL selecting every touchpoint with `customer_key` and `customer_user_id` (null when anonymous);
 * use it as a CTE: `WITH customer_touchpoints AS (${CUSTOMER_TOUCHPOINTS}) …`.
 */
export const CUSTOMER_TOUCHPOINTS = `
  SELECT t.id, t.type, t.ts, t.anonymous_id, t.session_id, t.channel, t.props, t.user_id,
    ${keyed('owners.only_user', 't.anonymous_id')}
  FROM touchpoints AS t JOIN (${OWNERS}) AS owners
    ON owners.anonymous_id = t.anonymous_id AND owners.users <= 1
  UNION ALL
  SELECT id, type, ts, anonymous_id, session_id, channel, props, user_id,
    ${keyed('COALESCE(user_id, run_user, first_user)', 'anonymous_id')}
  FROM (
    SELECT *,
      -- A run starts at each touchpoint with a userId: one userId per run, the run's first row.
      MAX(user_id) OVER (PARTITION BY anonymous_id, run) AS run_user,
      MAX(CASE WHEN run = 1 THEN user_id END) OVER (PARTITION BY anonymous_id) AS first_user
    FROM (
      SELECT t.id, t.type, t.ts, t.anonymous_id, t.session_id, t.channel, t.props, t.user_id,
        COUNT(t.user_id) OVER (PARTITION BY t.anonymous_id ORDER BY t.ts, t.id
          ROWS UNBOUNDED PRECEDING) AS run
      FROM touchpoints AS t JOIN (${OWNERS}) AS owners
        ON owners.anonymous_id = t.anonymous_id AND owners.users > 1
    ) AS runs
  ) AS shared`
