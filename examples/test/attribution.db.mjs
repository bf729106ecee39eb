// A real database with the collector's touchpoints table (schema.mjs), for the customer and
// attribution tests: an in-memory DuckDB, or a fresh database on the throwaway PostgreSQL of
// stores.mjs. `query(sql, params)` is the shape those modules take from any store.
import { DuckDBInstance } from '@duckdb/node-api'
import pg from 'pg'
import { schema } from '../collector/schema.mjs'
import { STORES } from './stores.mjs'

const INSERT = (json) => `
  INSERT INTO touchpoints (id, type, ts, anonymous_id, session_id, user_id, channel, props)
  VALUES ($1, $2, CAST($3 AS TIMESTAMPTZ), $4, $5, $6, $7, CAST($8 AS ${json}))`

const openDuckDB = async () => {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  for (const statement of schema({ json: 'JSON', visitorIndex: false })) {
    await connection.run(statement)
  }
  return {
    json: 'JSON',
    query: async (sql, params) => (await connection.runAndReadAll(sql, params)).getRowObjectsJson(),
    close: async () => {
      connection.closeSync()
      instance.closeSync()
    },
  }
}

const openPostgres = async () => {
  const postgres = STORES.find((store) => store.name === 'PostgreSQL')
  const { path } = await postgres.fresh()
  const pool = new pg.Pool({ connectionString: path, max: 2 })
  // The server stops after the file's tests; a client still closing then must not fail the run.
  pool.on('error', () => {})
  for (const statement of schema({ json: 'JSONB' })) await pool.query(statement)
  return {
    json: 'JSONB',
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    close: () => pool.end(),
  }
}

/** The stores the tests run on, by name; call `stopStores()` once after the file's tests. */
export const TEST_STORES = ['DuckDB', 'PostgreSQL']

/** Stops the PostgreSQL server if a test started it. */
export const stopStores = () => STORES.find((store) => store.name === 'PostgreSQL').stop()

/**
 * Opens an empty touchpoints table on `store` (one of TEST_STORES); `add(touchpoints)` stores
 * envelopes (SPEC §3 field names, ts an ISO time), `clear()` empties the table.
 */
export const openTestDb = async (store = 'DuckDB') => {
  const db = await (store === 'PostgreSQL' ? openPostgres() : openDuckDB())
  let n = 0
  return {
    query: db.query,
    add: async (touchpoints) => {
      for (const tp of touchpoints) {
        await db.query(INSERT(db.json), [
          tp.id ?? `tp-${++n}`,
          tp.type ?? 'page_view',
          tp.ts,
          tp.anonymousId,
          tp.sessionId ?? `${tp.anonymousId}-session`,
          tp.userId ?? null,
          tp.channel ?? 'direct',
          JSON.stringify(tp.props ?? {}),
        ])
      }
    },
    clear: () => db.query('DELETE FROM touchpoints'),
    close: db.close,
  }
}
