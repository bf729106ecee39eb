// The DuckDB store: one file, one process (a file has one writer).
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DuckDBInstance, listValue, LIST, VARCHAR } from '@duckdb/node-api'
import { bindQueries } from './queries.mjs'
import { COLUMNS, ROW_FIELDS, schema } from './schema.mjs'

const dialect = { name: 'duckdb', json: 'JSON' }

// One list parameter per column, unnested side by side: a single prepared shape for any number of
// rows, and ON CONFLICT … RETURNING tells us which ids were new.
const INSERT = `
  INSERT INTO touchpoints (${COLUMNS.join(', ')})
  SELECT ${COLUMNS.map((column, i) => `unnest($${i + 1})${cast(column)}`).join(', ')}
  ON CONFLICT DO NOTHING
  RETURNING id`

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
    instance = await DuckDBInstance.create(path)
  } catch (error) {
    // The usual cause is a second collector (another `npm run demo`) holding the file's lock.
    throw new Error(`collector: cannot open ${path}: ${error.message}`, { cause: error })
  }
  const writes = await instance.connect()
  const reads = await instance.connect()
  for (const statement of schema(dialect)) await writes.run(statement)

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
      const lists = ROW_FIELDS.map((field) => listValue(rows.map((row) => row[field])))
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
