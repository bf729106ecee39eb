// A real in-memory DuckDB with the collector's touchpoints table, for the customer and
// attribution tests: `query(sql, params)` is the shape those modules take from any store.
import { DuckDBInstance } from '@duckdb/node-api'

// The columns of examples/collector/store.mjs; kept in step by hand until the store layer exports it.
const SCHEMA = `
  CREATE TABLE touchpoints (
    id VARCHAR PRIMARY KEY, type VARCHAR NOT NULL, ts TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp, anonymous_id VARCHAR NOT NULL,
    session_id VARCHAR NOT NULL, user_id VARCHAR, channel VARCHAR NOT NULL, stage VARCHAR,
    page_url VARCHAR, page_path VARCHAR, page_title VARCHAR, referrer VARCHAR, props JSON,
    context JSON
  )`

/** Opens the database; `add(touchpoints)` stores envelopes (SPEC §3 field names, ts an ISO time). */
export const openTestDb = async () => {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  await connection.run(SCHEMA)
  let n = 0
  return {
    query: async (sql, params) => (await connection.runAndReadAll(sql, params)).getRowObjectsJson(),
    add: async (touchpoints) => {
      for (const tp of touchpoints) {
        await connection.run(
          `INSERT INTO touchpoints (id, type, ts, anonymous_id, session_id, user_id, channel, props)
           VALUES ($1, $2, CAST($3 AS TIMESTAMPTZ), $4, $5, $6, $7, CAST($8 AS JSON))`,
          [
            tp.id ?? `tp-${++n}`,
            tp.type ?? 'page_view',
            tp.ts,
            tp.anonymousId,
            tp.sessionId ?? `${tp.anonymousId}-session`,
            tp.userId ?? null,
            tp.channel ?? 'direct',
            JSON.stringify(tp.props ?? {}),
          ],
        )
      }
    },
    close: () => {
      connection.closeSync()
      instance.closeSync()
    },
  }
}
