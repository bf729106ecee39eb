// The PostgreSQL store: any number of collector processes on one database. Each insert is one
// statement (its own transaction), so a request is answered only after its rows committed, and
// ON CONFLICT DO NOTHING keeps ids unique across processes.
import pg from 'pg'
import { bindQueries } from './queries.mjs'
import { COLUMNS, ROW_FIELDS, schema } from './schema.mjs'

const dialect = { name: 'postgres', json: 'JSONB' }
const POOL_SIZE = 8
// Inserts from one process that may run at once; the rest of the pool serves reads.
const CONCURRENCY = 4
// Held while creating the table, so processes starting together do not race on the catalog.
const SCHEMA_LOCK = 7_484_100

// One array parameter per column, unnested into rows: one statement for any number of rows.
const INSERT = `
  INSERT INTO touchpoints (${COLUMNS.join(', ')})
  SELECT ${COLUMNS.map((column) => `${column}${cast(column)}`).join(', ')}
  FROM unnest(${COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')})
    AS batch(${COLUMNS.join(', ')})
  ON CONFLICT DO NOTHING
  RETURNING id`

function cast(column) {
  if (column === 'ts') return '::timestamptz'
  if (column === 'props' || column === 'context') return '::jsonb'
  return ''
}

const DEADLOCK = '40P01'
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** @param {string} url postgres://user@host:port/database */
export const openPostgres = async (url) => {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE })
  // An idle client losing its server (a restart) must not crash the collector.
  pool.on('error', () => {})
  try {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK])
      for (const statement of schema(dialect)) await client.query(statement)
      await client.query('COMMIT')
    } finally {
      client.release()
    }
  } catch (error) {
    await pool.end().catch(() => {})
    throw new Error(`collector: cannot open ${redact(url)}: ${error.message}`, { cause: error })
  }

  const read = async (sql, values) => (await pool.query(sql, values)).rows

  return {
    dialect,
    concurrency: CONCURRENCY,
    ...bindQueries({ read, dialect }),

    /** Inserts rows in one statement; resolves with the ids that were new, after COMMIT. */
    insert: async (rows) => {
      if (rows.length === 0) return new Set()
      // Every process takes row locks in id order, so two overlapping batches cannot deadlock.
      const sorted = [...rows].sort(byId)
      const values = ROW_FIELDS.map((field) => sorted.map((row) => row[field]))
      for (let attempt = 1; ; attempt += 1) {
        try {
          const result = await pool.query({ text: INSERT, values, rowMode: 'array' })
          return new Set(result.rows.map(([id]) => id))
        } catch (error) {
          if (error.code !== DEADLOCK || attempt >= 3) throw error
        }
      }
    },

    /**
     * Runs `fn(run)` in one transaction on one connection; `run(sql, params)` resolves with rows.
     * Commits when fn resolves, rolls back when it throws.
     */
    transaction: async (fn) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(async (sql, values) => (await client.query(sql, values)).rows)
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },

    /** Runs one statement. */
    exec: (sql) => pool.query(sql),

    /** Closes the pool; call after the writer has drained. */
    close: () => pool.end(),
  }
}

// A URL may carry a password: never print it.
const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
