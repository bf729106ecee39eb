// Two collector processes on one PostgreSQL deliver one outbox: every event once, in order per
// customer, whichever process took the batch.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { spawnCollector } from '../collector/spawn.mjs'
import { signature } from '../collector/crmHandoff.mjs'
import { postgresBin, startPostgres } from '../../scripts/postgres.mjs'
import { batchBody, touchpoint } from './helpers.mjs'
import { deliveredPerCustomer, startReceiver } from './crmReceiver.mjs'

// Finds (or, as root on a fresh CI machine, installs) PostgreSQL while the file loads.
postgresBin()

const SECRET = 'two-processes'
let database
let receiver
let collectors = []
beforeAll(async () => {
  database = await startPostgres()
  // Every third request fails: retries interleave with the other process's claims.
  let n = 0
  receiver = await startReceiver(() => (++n % 3 === 0 ? 503 : 200))
  const flags = ['--db', database.url, '--port', '0', '--quiet']
  flags.push('--crm-webhook', receiver.url, '--crm-secret', SECRET)
  collectors = await Promise.all([spawnCollector(flags), spawnCollector(flags)])
})
afterAll(async () => {
  await Promise.all(collectors.map((collector) => collector.stop()))
  await receiver?.close()
  await database?.stop()
})

it('delivers each event once and in order per customer across two processes', async () => {
  const T0 = Date.parse('2026-11-20T10:00:00.000Z')
  const expected = new Map()
  const batches = [[], []]
  for (let c = 0; c < 12; c += 1) {
    const userId = `user-${c}`
    const events = Array.from({ length: 4 }, (_, i) =>
      touchpoint({
        anonymousId: `device-${c}`,
        userId,
        ts: new Date(T0 + i * 60_000).toISOString(),
        ...(i === 0
          ? { type: 'identify', props: { traits: {} } }
          : { type: 'purchase', props: { orderId: `${c}-${i}`, value: i, currency: 'EUR' } }),
      }),
    )
    expected.set(
      userId,
      events.map((event) => event.id),
    )
    // A customer's events go half to one process, half to the other.
    batches[0].push(...events.slice(0, 2))
    batches[1].push(...events.slice(2))
  }
  // One after the other, as an SDK sends a customer's batches; process B's batch lands while
  // process A is still delivering the first half.
  for (const [i, { url }] of collectors.entries()) {
    await fetch(`${url}/t`, { method: 'POST', body: batchBody(batches[i]) })
  }
  await expect
    .poll(() => receiver.requests.filter((request) => request.status === 200).length, {
      timeout: 30_000,
    })
    .toBe(48)
  const delivered = deliveredPerCustomer(receiver.requests)
  expect(new Map([...delivered].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(
    new Map([...expected].sort(([a], [b]) => (a < b ? -1 : 1))),
  )
  for (const { headers, body } of receiver.requests) {
    expect(headers['x-touchtrail-signature']).toBe(signature(SECRET, body))
  }
})
