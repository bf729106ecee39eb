// On PostgreSQL, collectors keep no state: several processes take batches for one database and
// dedup by id holds across them.
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { spawnCollector } from '../collector/spawn.mjs'
import { postgresBin, startPostgres } from '../../scripts/postgres.mjs'
import { batchBody, touchpoint } from './helpers.mjs'

// Finds (or, as root on a fresh CI machine, installs) PostgreSQL while the file loads, outside
// any hook's timeout.
postgresBin()

let database
let collectors = []
beforeAll(async () => {
  database = await startPostgres()
  const flags = ['--db', database.url, '--port', '0', '--quiet']
  // Started together: creating the table must not race either.
  collectors = await Promise.all([spawnCollector(flags), spawnCollector(flags)])
})
afterAll(async () => {
  await Promise.all(collectors.map((collector) => collector.stop()))
  await database?.stop()
})

const post = async (url, body) => {
  const response = await fetch(`${url}/t`, { method: 'POST', body })
  return response.json()
}

it('stores a batch posted to two processes at once once, however the requests interleave', async () => {
  for (let round = 0; round < 5; round += 1) {
    const body = batchBody(Array.from({ length: 200 }, () => touchpoint()))
    const answers = await Promise.all(
      [0, 1, 0, 1].map((which) => post(collectors[which].url, body)),
    )
    expect(answers.reduce((sum, answer) => sum + answer.accepted, 0)).toBe(200)
    expect(answers.reduce((sum, answer) => sum + answer.duplicates, 0)).toBe(600)
  }
  const client = new pg.Client(database.url)
  await client.connect()
  const { rows } = await client.query(
    'SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM touchpoints',
  )
  await client.end()
  expect(rows[0]).toEqual({ n: 1_000, ids: 1_000 })
  // Both processes answer reads from the same data.
  for (const { url } of collectors) {
    const { visitors } = await (await fetch(`${url}/api/journeys`)).json()
    expect(visitors[0].touchpoints).toBe(1_000)
  }
})
