// Opens the store a --db setting names: PostgreSQL for a postgres:// URL, else a DuckDB file (or
// ':memory:'). Both give the same interface:
//   insert(rows) → Set of the ids that were new, resolved after COMMIT (dedup by id)
//   the read queries of queries.mjs (journey, visitors, funnel, channels, count, …)
//   exec(sql) runs one statement (bulk fills in the load test), close()
//   concurrency: how many inserts may run at once (DuckDB 1, PostgreSQL several)

/** True when a --db value names a PostgreSQL database rather than a DuckDB file. */
export const isPostgresUrl = (db) => /^postgres(ql)?:\/\//.test(db)

/** @param {string} db a postgres:// URL, a DuckDB file path or ':memory:' */
export const openStore = async (db) => {
  if (isPostgresUrl(db)) {
    const { openPostgres } = await import('./postgres.mjs')
    return openPostgres(db)
  }
  const { openDuckDB } = await import('./duckdb.mjs')
  return openDuckDB(db)
}
