// The DuckDB store: one file, one process (a file has one writer).
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { bindQueries } from './queries.mjs'
import { COLUMNS, ROW_FIELDS, schema } from './schema.mjs'

// DuckDB scans a million rows for one visitor in milliseconds, while keeping an ART index on
// (anonymous_id, ts) halves the insert rate: DuckDB has only the primary key.
const dialect = { name: 'duckdb', json: 'JSON', visitorIndex: false }

// Rows go in through an Appender (no SQL parameters to bind, value by value) into a staging table
// without constraints, then one INSERT … ON CONFLICT moves them, and RETURNING names the new ids.
const STAGING = `CREATE TEMP TABLE IF NOT EXISTS staging (
  ${COLUMNS.map((column) => `${column} VARCHAR`).join(', ')})`
const INSERT = `
  INSERT INTO touchpoints (${COLUMNS.join(', ')})
  SELECT ${COLUMNS.map((column) => `${column}${cast(column)}`).join(', ')} FROM staging
  ON CONFLICT DO NOTHING
  RETURNING id`
// A checkpoint rewrites the primary key's index; at the default 16 MB of WAL that happens every
// few seconds under load. Fewer, larger ones; a restart replays at most this much WAL.
const CHECKPOINT_THRESHOLD = '256MB'
// DuckDB's threads pay on big scans; an insert of a few hundred rows spends more coordinating
// them than working (load test: collector CPU per touchpoint 170 → 116 µs with one thread). A
// second write connection (one group's INSERT during the other's COMMIT) cost more than it gave.
const THREADS = '1'

function cast(column) {
  if (column === 'ts') return '::TIMESTAMPTZ'
  if (column === 'props' || column === 'context') return '::JSON'
  return ''
}

/**
 * Opens (or creates) the DuckDB file and its table.
 * @param {string} path file path, or ':memory:'
 */
export const openDuckDB = async (path) => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  let instance
  try {
    instance = await DuckDBInstance.create(path, {
      checkpoint_threshold: CHECKPOINT_THRESHOLD,
      threads: THREADS,
    })
  } catch (error) {
    // The usual cause is a second collector (another `npm run demo`) holding the file's lock.
    throw new Error(`collector: cannot open ${path}: ${error.message}`, { cause: error })
  }
  const writes = await instance.connect()
  const reads = await instance.connect()
  for (const statement of schema(dialect)) await writes.run(statement)
  // Files made by earlier versions have it.
  await writes.run('DROP INDEX IF EXISTS touchpoints_visitor')
  await writes.run(STAGING)

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
    dialect,
    concurrency: 1,
    ...bindQueries({ read, dialect }),

    /** Inserts rows in one transaction; resolves with the ids that were new, after COMMIT. */
    insert: async (rows) => {
      if (rows.length === 0) return new Set()
      await writes.run('BEGIN TRANSACTION')
      try {
        const appender = await writes.createAppender('staging', null, 'temp')
        for (const row of rows) {
          for (const field of ROW_FIELDS) {
            const value = row[field]
            if (value === null) appender.appendNull()
            else appender.appendVarchar(value)
          }
          appender.endRow()
        }
        appender.closeSync()
        const result = await writes.runAndReadAll(INSERT)
        await writes.run('DELETE FROM staging')
        await writes.run('COMMIT')
        return new Set(result.getRows().map(([id]) => id))
      } catch (error) {
        await writes.run('ROLLBACK').catch(() => {})
        throw error
      }
    },

    /**
     * Runs `fn(run)` in one transaction on a connection of its own (so a long one, such as a CRM
     * delivery, holds up neither inserts nor reads); `run(sql, params)` resolves with rows.
     */
    transaction: async (fn) => {
      const connection = await instance.connect()
      try {
        await connection.run('BEGIN TRANSACTION')
        const result = await fn(async (sql, values) =>
          (await connection.runAndReadAll(sql, values)).getRowObjectsJson(),
        )
        await connection.run('COMMIT')
        return result
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => {})
        throw error
      } finally {
        connection.closeSync()
      }
    },

    /** Runs one statement on the writing connection. */
    exec: (sql) => writes.run(sql),

    /** Closes the connections and the file; call after the writer has drained. */
    close: async () => {
      await readTurn
      writes.closeSync()
      reads.closeSync()
      instance.closeSync()
    },
  }
}
