// The read queries behind /api/*, written once for both databases (DuckDB reads PostgreSQL's
// aggregate syntax). To add one: a function `({ read, dialect }, ...args) => answer`; every
// store gets it as `store.<name>(...args)`. `read(sql, params)` resolves with plain row objects;
// `dialect.name` is 'duckdb' or 'postgres' for the rare query that must differ.
import { attribute } from './attribution/attribute.mjs'
import { customerJourney, customers, identifiedJourneys } from './customerQueries.mjs'
import { satisfaction } from './satisfaction.mjs'
import { epochMs, toTouchpoint, TOUCHPOINT_FIELDS } from './touchpointRows.mjs'
import { STAGES } from './validate.mjs'

export const queries = {
  /** Every touchpoint of one visitor, oldest first. */
  journey: async ({ read }, anonymousId) =>
    (
      await read(
        `SELECT ${TOUCHPOINT_FIELDS} FROM touchpoints WHERE anonymous_id = $1 ORDER BY ts, id`,
        [anonymousId],
      )
    ).map(toTouchpoint),

  /** The visitors seen most recently, with their counts, first channel and stages reached. */
  visitors: async ({ read }, limit) =>
    (
      await read(
        `SELECT anonymous_id, count(*)::INTEGER AS touchpoints,
          count(DISTINCT session_id)::INTEGER AS sessions,
          (array_agg(channel ORDER BY ts, id))[1] AS first_channel,
          array_agg(DISTINCT channel ORDER BY channel) AS channels,
          array_agg(DISTINCT stage ORDER BY stage) FILTER (WHERE stage IS NOT NULL) AS stages,
          max(user_id) AS user_id, (array_agg(page_url ORDER BY ts, id))[1] AS first_url,
          ${epochMs('min(ts)')} AS first_seen, ${epochMs('max(ts)')} AS last_seen
        FROM touchpoints GROUP BY anonymous_id
        ORDER BY last_seen DESC, anonymous_id LIMIT $1`,
        [limit],
      )
    ).map((row) => ({
      anonymousId: row.anonymous_id,
      userId: row.user_id,
      site: hostOf(row.first_url),
      touchpoints: row.touchpoints,
      sessions: row.sessions,
      firstChannel: row.first_channel,
      channels: row.channels,
      stages: STAGES.filter((stage) => (row.stages ?? []).includes(stage)),
      firstSeen: new Date(row.first_seen).toISOString(),
      lastSeen: new Date(row.last_seen).toISOString(),
    })),

  /** Distinct visitors per stage, in stage order, and all visitors. */
  funnel: async ({ read }) => {
    const rows = await read(`
      SELECT stage, count(DISTINCT anonymous_id)::INTEGER AS visitors FROM touchpoints
      WHERE stage IS NOT NULL GROUP BY stage`)
    const [{ visitors }] = await read(
      'SELECT count(DISTINCT anonymous_id)::INTEGER AS visitors FROM touchpoints',
    )
    const byStage = new Map(rows.map((row) => [row.stage, row.visitors]))
    return {
      visitors,
      stages: STAGES.map((stage) => ({ stage, visitors: byStage.get(stage) ?? 0 })),
    }
  },

  /** Touchpoints and distinct visitors per channel × touchpoint type. */
  channels: ({ read }) =>
    read(`
      SELECT channel, type, count(*)::INTEGER AS touchpoints,
        count(DISTINCT anonymous_id)::INTEGER AS visitors
      FROM touchpoints GROUP BY channel, type ORDER BY channel, type`),

  /** Touchpoints, feedback answers and friction per type, page or stage (satisfaction.mjs). */
  satisfaction,

  /** Customers and anonymous visitors, most recent first (customerQueries.mjs). */
  customers,

  /** One customer's joined journey, each touchpoint with its device and site. */
  customerJourney,

  /** Every identified customer's journey, one call of `each(userId, touchpoints)` per customer. */
  identifiedJourneys,

  /** GET /api/attribution's answer (attribution/attribute.mjs). */
  attribution: ({ read }, options) => attribute(read, options),

  /** How many touchpoints are stored. */
  count: async ({ read }) => (await read('SELECT count(*)::INTEGER AS n FROM touchpoints'))[0].n,
}

/** The queries above bound to one store's read() and dialect. */
export const bindQueries = (context) =>
  Object.fromEntries(
    Object.entries(queries).map(([name, query]) => [name, (...args) => query(context, ...args)]),
  )

const hostOf = (url) => {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}
