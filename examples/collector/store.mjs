// The DuckDB side of the collector: one file, one `touchpoints` table, deduplicated by id.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DuckDBInstance, listValue, LIST, VARCHAR } from '@duckdb/node-api'
import { STAGES } from './validate.mjs'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS touchpoints (
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
    props JSON,
    context JSON
  )`

const COLUMNS = [
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

// One list parameter per column, unnested side by side: a single prepared shape for any number of
// rows, and ON CONFLICT … RETURNING tells us which ids were new.
const INSERT = `
  INSERT INTO touchpoints (id, type, ts, anonymous_id, session_id, user_id, channel, stage,
    page_url, page_path, page_title, referrer, props, context)
  SELECT unnest($1), unnest($2), unnest($3)::TIMESTAMPTZ, unnest($4), unnest($5), unnest($6),
    unnest($7), unnest($8), unnest($9), unnest($10), unnest($11), unnest($12),
    unnest($13)::JSON, unnest($14)::JSON
  ON CONFLICT DO NOTHING
  RETURNING id`

const TOUCHPOINT_FIELDS = `id, type, epoch_ms(ts)::DOUBLE AS ts,
  epoch_ms(received_at)::DOUBLE AS received_at, anonymous_id, session_id, user_id, channel, stage,
  page_url, page_path, page_title, referrer, props, context`

/**
 * Opens (or creates) the DuckDB file and its table.
 * @param {string} dbPath file path, or ':memory:'
 */
export const openStore = async (dbPath) => {
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true })
  let instance
  try {
    instance = await DuckDBInstance.create(dbPath)
  } catch (error) {
    // The usual cause is a second collector (another `npm run demo`) holding the file's lock.
    throw new Error(`collector: cannot open ${dbPath}: ${error.message}`, { cause: error })
  }
  const writes = await instance.connect()
  const reads = await instance.connect()
  await writes.run(SCHEMA)
  await writes.run(
    'CREATE INDEX IF NOT EXISTS touchpoints_visitor ON touchpoints (anonymous_id, ts)',
  )

  // A DuckDB connection runs one statement at a time: reads take turns on theirs.
  let readTurn = Promise.resolve()
  const read = (sql, values) => {
    const result = readTurn.then(async () =>
      (await reads.runAndReadAll(sql, values)).getRowObjectsJson(),
    )
    readTurn = result.catch(() => {})
    return result
  }

  return {
    /**
     * Inserts rows in one transaction; resolves with the ids that were new, after COMMIT.
     * The caller (writer.mjs) makes sure only one insert runs at a time.
     */
    insert: async (rows) => {
      if (rows.length === 0) return new Set()
      const lists = COLUMNS.map((column) => listValue(rows.map((row) => row[column])))
      await writes.run('BEGIN TRANSACTION')
      try {
        const result = await writes.runAndReadAll(
          INSERT,
          lists,
          COLUMNS.map(() => LIST(VARCHAR)),
        )
        await writes.run('COMMIT')
        return new Set(result.getRows().map(([id]) => id))
      } catch (error) {
        await writes.run('ROLLBACK').catch(() => {})
        throw error
      }
    },

    /** Every touchpoint of one visitor, oldest first. */
    journey: async (anonymousId) =>
      (
        await read(
          `SELECT ${TOUCHPOINT_FIELDS} FROM touchpoints WHERE anonymous_id = $1 ORDER BY ts, id`,
          [anonymousId],
        )
      ).map(toTouchpoint),

    /** The visitors seen most recently, with their counts, first channel and stages reached. */
    visitors: async (limit) =>
      (
        await read(
          `
      SELECT anonymous_id, count(*)::INTEGER AS touchpoints,
        count(DISTINCT session_id)::INTEGER AS sessions,
        arg_min(channel, ts) AS first_channel,
        list(DISTINCT channel ORDER BY channel) AS channels,
        list(DISTINCT stage ORDER BY stage) FILTER (WHERE stage IS NOT NULL) AS stages,
        max(user_id) AS user_id, arg_min(page_url, ts) AS first_url,
        epoch_ms(min(ts))::DOUBLE AS first_seen, epoch_ms(max(ts))::DOUBLE AS last_seen
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
    funnel: async () => {
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
    channels: async () =>
      await read(`
      SELECT channel, type, count(*)::INTEGER AS touchpoints,
        count(DISTINCT anonymous_id)::INTEGER AS visitors
      FROM touchpoints GROUP BY channel, type ORDER BY channel, type`),

    /** How many touchpoints are stored. */
    count: async () => (await read('SELECT count(*)::INTEGER AS n FROM touchpoints'))[0].n,

    /** Closes the connections and the file; call after the writer has drained. */
    close: async () => {
      await readTurn
      writes.closeSync()
      reads.closeSync()
      instance.closeSync()
    },
  }
}

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

const parseJson = (value) => {
  if (typeof value !== 'string') return value ?? {}
  try {
    return JSON.parse(value)
  } catch {
    return {}
  }
}
