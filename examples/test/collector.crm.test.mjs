// The CRM hand-off over real HTTP, on both stores: signed, retried through a collector restart,
// delivered once per event, in order per customer; only identified customers.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signature } from '../collector/crmHandoff.mjs'
import { startCollector } from '../collector/server.mjs'
import { batchBody, touchpoint } from './helpers.mjs'
import { deliveredPerCustomer, startReceiver } from './crmReceiver.mjs'
import { STORES } from './stores.mjs'

const SECRET = 'test-secret'
const T0 = Date.parse('2026-11-20T10:00:00.000Z')
const at = (minutes) => new Date(T0 + minutes * 60_000).toISOString()
const purchase = (fields, value) =>
  touchpoint({
    type: 'purchase',
    props: { orderId: `o-${value}`, value, currency: 'EUR' },
    ...fields,
  })

// Ada: identify, then two purchases (the second sent without userId: her anonymousId's). Bob:
// anonymous page view, identify, a newsletter signup (a conversion type here). A stranger buys
// without ever identifying: not handed off.
const ada = { anonymousId: 'ada-phone', sessionId: 'ada-s' }
const bob = { anonymousId: 'bob-laptop', sessionId: 'bob-s' }
const EVENTS = [
  touchpoint({ ...ada, ts: at(0), type: 'identify', userId: 'ada', props: { traits: { n: 1 } } }),
  purchase({ ...ada, ts: at(1), userId: 'ada' }, 10),
  purchase({ ...ada, ts: at(2) }, 20),
  touchpoint({ ...bob, ts: at(0) }),
  touchpoint({ ...bob, ts: at(1), type: 'identify', userId: 'bob', props: { traits: {} } }),
  touchpoint({ ...bob, ts: at(2), type: 'signup', props: {} }),
  purchase({ anonymousId: 'stranger', sessionId: 'x', ts: at(3) }, 99),
]
const HANDED_OFF = new Map([
  ['ada', [EVENTS[0].id, EVENTS[1].id, EVENTS[2].id]],
  ['bob', [EVENTS[4].id, EVENTS[5].id]],
])

describe.each(STORES)('CRM hand-off on $name', (store) => {
  let db
  let receiver
  let collector
  let up
  const start = () =>
    startCollector({
      dbPath: db.path,
      conversions: ['purchase', 'signup'],
      crmWebhook: receiver.url,
      crmSecret: SECRET,
      crm: { retryMs: 20, maxRetryMs: 200, pollMs: 50 },
    })
  const post = async (touchpoints) =>
    (await fetch(`${collector.url}/t`, { method: 'POST', body: batchBody(touchpoints) })).json()

  beforeEach(async () => {
    db = await store.fresh()
    up = false
    receiver = await startReceiver(() => (up ? 200 : 503))
  })
  afterEach(async () => {
    await collector?.close()
    await receiver.close()
    db.remove()
  })
  afterAll(() => store.stop())

  it('survives 503s and a restart: each event once, signed, in order per customer', async () => {
    collector = await start()
    expect(await post(EVENTS)).toMatchObject({ accepted: EVENTS.length })
    // The same batch again (an SDK retry) enqueues nothing more.
    expect(await post(EVENTS)).toMatchObject({ duplicates: EVENTS.length })
    await expect.poll(() => receiver.requests.length).toBeGreaterThanOrEqual(2)
    await collector.close()
    const before = receiver.requests.length
    collector = await start()
    // Still retrying after the restart, then the receiver comes back.
    await expect.poll(() => receiver.requests.length).toBeGreaterThanOrEqual(before + 2)
    up = true
    await expect
      .poll(() => receiver.requests.filter((request) => request.status === 200).length)
      .toBe(5)

    expect(receiver.requests.slice(0, before + 2).every((r) => r.status === 503)).toBe(true)
    expect(deliveredPerCustomer(receiver.requests)).toEqual(HANDED_OFF)
    const bodies = new Map()
    for (const { headers, body } of receiver.requests) {
      expect(headers['x-touchtrail-signature']).toBe(signature(SECRET, body))
      expect(headers['content-type']).toBe('application/json')
      const { event } = JSON.parse(body)
      expect(headers['idempotency-key']).toBe(event.id)
      // Every attempt of an event sends the same bytes.
      expect(bodies.get(event.id) ?? body).toBe(body)
      bodies.set(event.id, body)
    }
    // The customer as of each event: Ada's second purchase carries both.
    const last = JSON.parse(bodies.get(EVENTS[2].id))
    expect(last.event).toEqual({
      id: EVENTS[2].id,
      kind: 'conversion',
      type: 'purchase',
      ts: at(2),
    })
    expect(last.customer).toMatchObject({
      userId: 'ada',
      conversions: 2,
      value: 30,
      currency: 'EUR',
    })
    const first = JSON.parse(bodies.get(EVENTS[0].id))
    expect(first.event.kind).toBe('identify')
    expect(first.customer).toMatchObject({ traits: { n: 1 }, conversions: 0, touchpoints: 1 })
  })

  it('sends nothing for touchpoints of anonymous visitors or other types', async () => {
    up = true
    collector = await start()
    await post([
      touchpoint({ anonymousId: 'anon', ts: at(0) }),
      purchase({ anonymousId: 'anon', ts: at(1) }, 5),
      touchpoint({ anonymousId: 'known', type: 'identify', userId: 'k', ts: at(2) }),
    ])
    await expect.poll(() => receiver.requests.length).toBe(1)
    expect(JSON.parse(receiver.requests[0].body).customer.userId).toBe('k')
  })
})

describe("the demo's CRM inbox", () => {
  let collector
  afterEach(() => collector?.close())

  it('receives the hand-off on the collector itself and checks each signature', async () => {
    collector = await startCollector({ dbPath: ':memory:', crmInbox: true, crmSecret: SECRET })
    expect(collector.crmWebhook).toBe(`${collector.url}/crm/inbox`)
    await fetch(`${collector.url}/t`, { method: 'POST', body: batchBody(EVENTS.slice(0, 2)) })
    const inbox = async () =>
      (await (await fetch(`${collector.url}/crm/inbox.json`)).json()).arrived
    await expect.poll(async () => (await inbox()).length).toBe(2)
    expect((await inbox()).map((item) => [item.event.kind, item.valid])).toEqual([
      ['conversion', true],
      ['identify', true],
    ])
    const forged = await fetch(`${collector.url}/crm/inbox`, {
      method: 'POST',
      body: '{"event":{}}',
      headers: { 'X-Touchtrail-Signature': signature('not the secret', '{"event":{}}') },
    })
    expect(forged.status).toBe(401)
    expect((await inbox())[0].valid).toBe(false)
    expect((await fetch(`${collector.url}/crm/`)).headers.get('content-type')).toMatch(/html/)
  })
})
