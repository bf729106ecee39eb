// The two stores the collector tests run against: a DuckDB file in a temp folder, and a fresh
// database on a throwaway PostgreSQL server (started once per file, see scripts/postgres.mjs).
import pg from 'pg'
import { postgresBin, startPostgres } from '../../scripts/postgres.mjs'
import { tempDb } from './helpers.mjs'

// Finds (or, as root on a fresh CI machine, installs) PostgreSQL while the file loads, outside
// any hook's timeout.
postgresBin()

let server
let databases = 0

/** A named store: `fresh()` gives a new empty db setting (`path`) and `remove()`; `stop()` ends. */
export const STORES = [
  {
    name: 'DuckDB',
    fresh: async () => tempDb(),
    stop: async () => {},
  },
  {
    name: 'PostgreSQL',
    fresh: async () => {
      server ??= await startPostgres()
      const name = `touchtrail_${process.pid}_${++databases}`
      await admin(server.url, `CREATE DATABASE ${name}`)
      const path = server.url.replace(/\/postgres$/, `/${name}`)
      return { path, remove: () => {} }
    },
    stop: async () => {
      await server?.stop()
      server = undefined
    },
  },
]

const admin = async (url, sql) => {
  const client = new pg.Client(url)
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
