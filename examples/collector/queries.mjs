// The read queries behind /api/*, written once for both databases (DuckDB reads PostgreSQL's
// aggregate syntax). To add one: a function `({ read, dialect }, ...args) => answer`; every
// store gets it as `store.<name>(...args)`. `read(sql, params)` resolves with plain row objects;
// `dialect.name` is 'duckdb' or 'postgres' for the rare query that must differ.
import { satisfaction } from './satisfaction.mjs'
import { STAGES } from './validate.mjs'

const epochMs = (expr) => `(extract(epoch FROM ${expr}) * 1000)::DOUBLE PRECISION`

const TOUCHPOINT_FIELDS = `id, type, ${epochMs('ts')} AS ts, ${epochMs('received_at')} AS received_at,
  anonymous_id, session_id, user_id, channel, stage, page_url, page_path, page_title, referrer,
  props, context`

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

  /** How many touchpoints are stored. */
  count: async ({ read }) => (await read('SELECT count(*)::INTEGER AS n FROM touchpoints'))[0].n,
}

/** The queries above bound to one store's read() and dialect. */
export const bindQueries = (context) =>
  Object.fromEntries(
    Object.entries(queries).map(([name, query]) => [name, (...args) => query(context, ...args)]),
  )

// Back to the envelope's shape (SPEC §3), plus when the collector received it.
const toTouchpoint = (row) => ({
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

const hostOf = (url) => {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

// DuckDB hands JSON back as text, PostgreSQL's JSONB as objects.
const parseJson = (value) => {
  if (typeof value !== 'string') return value ?? {}
  try {
    return JSON.parse(value)
  } catch {
    return {}
  }
}
