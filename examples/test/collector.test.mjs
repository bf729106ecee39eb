// The example collector over real HTTP, on both stores: a real DuckDB file and a real
// PostgreSQL server. Every answer is checked on each.
import { gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCollector } from '../collector/server.mjs'
import { batchBody, touchpoint } from './helpers.mjs'
import { STORES } from './stores.mjs'

describe.each(STORES)('collector on $name', (store) => {
  let db
  let collector
  const post = async (body, init = {}, query = '') => {
    const response = await fetch(`${collector.url}/t${query}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      ...init,
    })
    return { status: response.status, body: await response.json(), headers: response.headers }
  }
  const get = async (path) => (await fetch(`${collector.url}${path}`)).json()
  const journey = async (anonymousId) => {
    const response = await fetch(`${collector.url}/api/journeys/${encodeURIComponent(anonymousId)}`)
    return response.status === 404 ? [] : (await response.json()).touchpoints
  }
  const storedVisitors = async () => (await get('/api/journeys?limit=500')).visitors

  beforeEach(async () => {
    db = await store.fresh()
    collector = await startCollector({ dbPath: db.path })
  })
  afterEach(async () => {
    await collector.close()
    db.remove()
  })
  afterAll(() => store.stop())

  describe('deduplication', () => {
    it('stores each touchpoint once when the same batch is posted twice', async () => {
      const body = batchBody([touchpoint(), touchpoint(), touchpoint()])
      expect((await post(body)).body).toEqual({ accepted: 3, rejected: 0, duplicates: 0 })
      expect((await post(body)).body).toEqual({ accepted: 0, rejected: 0, duplicates: 3 })
      expect(await journey('visitor-1')).toHaveLength(3)
    })

    it('stores a touchpoint repeated inside one batch once', async () => {
      const repeated = touchpoint()
      expect((await post(batchBody([repeated, touchpoint(), repeated]))).body).toEqual({
        accepted: 2,
        rejected: 0,
        duplicates: 1,
      })
      expect(await journey('visitor-1')).toHaveLength(2)
    })

    it('stores once when one batch arrives on several connections at once', async () => {
      const body = batchBody(Array.from({ length: 20 }, () => touchpoint()))
      const answers = await Promise.all(Array.from({ length: 5 }, () => post(body)))
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200])
      expect(answers.reduce((sum, answer) => sum + answer.body.accepted, 0)).toBe(20)
      expect(answers.reduce((sum, answer) => sum + answer.body.duplicates, 0)).toBe(80)
      expect(await journey('visitor-1')).toHaveLength(20)
    })
  })

  describe('bad requests', () => {
    it.each([
      ['malformed JSON', '{"batch": [', 'body is not valid JSON'],
      ['an array', '[]', 'body must be a JSON object'],
      ['no batch', '{"sentAt": "2026-11-23T03:00:00.000Z"}', 'body.batch must be an array'],
      ['batch not an array', '{"batch": {"id": "x"}}', 'body.batch must be an array'],
      [
        'a bad sentAt',
        '{"sentAt": "yesterday", "batch": []}',
        'body.sentAt must be an ISO-8601 date',
      ],
    ])('answers 400 to %s and stores nothing', async (_, body, reason) => {
      const answer = await post(body)
      expect(answer.status).toBe(400)
      expect(answer.body.error).toContain(reason)
      expect(await storedVisitors()).toEqual([])
    })

    it('answers 413 to a body over 1 MB by its Content-Length, and stores nothing', async () => {
      const many = Array.from({ length: 4_000 }, () => touchpoint())
      const body = batchBody(many)
      expect(Buffer.byteLength(body)).toBeGreaterThan(1_000_000)
      const answer = await post(body)
      expect(answer.status).toBe(413)
      expect(answer.body.error).toMatch(/larger than/)
      expect(await storedVisitors()).toEqual([])
    })

    it('answers 413 to a streamed body with no Content-Length once it passes 1 MB', async () => {
      const chunk = new TextEncoder().encode(
        batchBody(Array.from({ length: 500 }, () => touchpoint())),
      )
      let sent = 0
      const stream = new ReadableStream({
        pull: (controller) => {
          if (sent > 3_000_000) {
            controller.close()
            return
          }
          sent += chunk.length
          controller.enqueue(chunk)
        },
      })
      const answer = await post(stream, { duplex: 'half' })
      expect(answer.status).toBe(413)
      expect(await storedVisitors()).toEqual([])
    })

    it('rejects a bad touchpoint alone and stores the rest of its batch', async () => {
      const good = [touchpoint(), touchpoint(), touchpoint()]
      const { ts, ...noTs } = touchpoint()
      const body = batchBody([
        good[0],
        noTs,
        good[1],
        touchpoint({ channel: 'carrier_pigeon' }),
        good[2],
      ])
      const answer = await post(body)
      expect(answer.status).toBe(200)
      expect(answer.body).toMatchObject({ accepted: 3, rejected: 2, duplicates: 0 })
      expect(answer.body.errors.map((error) => [error.index, error.id])).toEqual([
        [1, noTs.id],
        [3, expect.any(String)],
      ])
      expect(answer.body.errors[0].reason).toMatch(/ts/)
      expect((await journey('visitor-1')).map((stored) => stored.id).sort()).toEqual(
        good.map((tp) => tp.id).sort(),
      )
    })

    it.each([
      ['no id', { id: '' }],
      ['a stage off the list', { stage: 'delight' }],
      ['a type with spaces', { type: 'page view' }],
      ['props that are not an object', { props: [1, 2] }],
      ['no page', { page: null }],
      ['a date that is not ISO-8601', { ts: 'Mon, 23 Nov 2026 03:00:00 GMT' }],
    ])('rejects a touchpoint with %s', async (_, overrides) => {
      const answer = await post(batchBody([touchpoint(overrides)]))
      expect(answer.body).toMatchObject({ accepted: 0, rejected: 1 })
      expect(await storedVisitors()).toEqual([])
    })
  })

  describe('CORS', () => {
    it('answers a preflight from any origin, allowing the headers it asks for', async () => {
      const response = await fetch(`${collector.url}/t`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://shop.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, x-write-key',
        },
      })
      expect(response.status).toBe(204)
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example')
      expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-write-key')
      expect(response.headers.get('access-control-allow-methods')).toContain('POST')
    })

    it('lets the posting page read the answer', async () => {
      const answer = await post(batchBody([touchpoint()]), {
        headers: { Origin: 'https://blog.example', 'Content-Type': 'text/plain;charset=UTF-8' },
      })
      expect(answer.headers.get('access-control-allow-origin')).toBe('https://blog.example')
    })
  })

  describe('read API', () => {
    it('returns a journey ordered by ts, whatever order it arrived in', async () => {
      const at = (minute) => `2026-11-23T03:${String(minute).padStart(2, '0')}:00.000Z`
      const late = touchpoint({ ts: at(30), type: 'form_submit', stage: 'purchase' })
      const early = touchpoint({ ts: at(1) })
      const middle = touchpoint({ ts: at(10), type: 'chat_open', stage: undefined })
      await post(batchBody([late]))
      await post(batchBody([middle, early]))
      const stored = await journey('visitor-1')
      expect(stored.map((tp) => tp.id)).toEqual([early.id, middle.id, late.id])
      expect(stored[0]).toMatchObject({
        ts: at(1),
        page: early.page,
        props: early.props,
        context: early.context,
      })
      expect(stored[1]).not.toHaveProperty('stage')
    })

    it('lists visitors, counts the funnel by stage and the channel × type matrix', async () => {
      await post(
        batchBody([
          touchpoint({
            anonymousId: 'ann',
            channel: 'email',
            stage: 'awareness',
            ts: '2026-11-20T10:00:00.000Z',
          }),
          touchpoint({
            anonymousId: 'ann',
            channel: 'social',
            type: 'chat_open',
            stage: 'consideration',
          }),
          touchpoint({ anonymousId: 'bob', channel: 'social', stage: 'awareness' }),
          touchpoint({
            anonymousId: 'bob',
            channel: 'social',
            type: 'form_submit',
            stage: 'purchase',
          }),
          touchpoint({ anonymousId: 'cy', channel: 'direct', stage: null }),
        ]),
      )
      const visitors = await storedVisitors()
      expect(visitors.map((visitor) => visitor.anonymousId).sort()).toEqual(['ann', 'bob', 'cy'])
      expect(visitors.find((visitor) => visitor.anonymousId === 'ann')).toMatchObject({
        touchpoints: 2,
        firstChannel: 'email',
        stages: ['awareness', 'consideration'],
      })
      expect((await get('/api/journeys?limit=1')).visitors).toHaveLength(1)

      expect(await get('/api/funnel')).toEqual({
        visitors: 3,
        stages: [
          { stage: 'awareness', visitors: 2 },
          { stage: 'consideration', visitors: 1 },
          { stage: 'purchase', visitors: 1 },
          { stage: 'retention', visitors: 0 },
          { stage: 'advocacy', visitors: 0 },
        ],
      })
      expect((await get('/api/channels')).rows).toEqual(
        expect.arrayContaining([
          { channel: 'social', type: 'page_view', touchpoints: 1, visitors: 1 },
          { channel: 'social', type: 'chat_open', touchpoints: 1, visitors: 1 },
          { channel: 'social', type: 'form_submit', touchpoints: 1, visitors: 1 },
          { channel: 'email', type: 'page_view', touchpoints: 1, visitors: 1 },
          { channel: 'direct', type: 'page_view', touchpoints: 1, visitors: 1 },
        ]),
      )
    })

    it('keeps what it acknowledged after the collector is closed and reopened', async () => {
      const body = batchBody([touchpoint(), touchpoint()])
      expect((await post(body)).body.accepted).toBe(2)
      await collector.close()
      collector = await startCollector({ dbPath: db.path })
      expect(await journey('visitor-1')).toHaveLength(2)
      expect((await post(body)).body).toMatchObject({ accepted: 0, duplicates: 2 })
    })
  })

  describe('throughput', () => {
    it('takes 10,000 touchpoints in 200 batches and can query all of them', async () => {
      const VISITORS = 100
      const batches = Array.from({ length: 200 }, (_, b) =>
        batchBody(
          Array.from({ length: 50 }, (_, i) =>
            touchpoint({
              anonymousId: `visitor-${(b * 50 + i) % VISITORS}`,
              channel: 'organic_search',
            }),
          ),
        ),
      )
      const started = performance.now()
      // Eight requests in flight at once, as many visitors' browsers would be.
      let next = 0
      const answers = []
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < batches.length) answers.push(await post(batches[next++]))
        }),
      )
      const seconds = (performance.now() - started) / 1_000
      const rate = Math.round(10_000 / seconds)
      console.log(
        `collector ingest: 10,000 touchpoints in 200 batches in ${seconds.toFixed(2)} s ` +
          `= ${rate} touchpoints/s`,
      )
      expect(answers.every((answer) => answer.status === 200)).toBe(true)
      expect(answers.reduce((sum, answer) => sum + answer.body.accepted, 0)).toBe(10_000)
      const visitors = await storedVisitors()
      expect(visitors).toHaveLength(VISITORS)
      expect(visitors.reduce((sum, visitor) => sum + visitor.touchpoints, 0)).toBe(10_000)
      expect((await get('/api/channels')).rows).toEqual([
        { channel: 'organic_search', type: 'page_view', touchpoints: 10_000, visitors: VISITORS },
      ])
    })
  })

  describe('compressed bodies', () => {
    const tps = () => Array.from({ length: 30 }, () => touchpoint())

    it.each([
      ['?compression=gzip', '?compression=gzip'],
      ['?compression=gzip-js (PostHog)', '?compression=gzip-js'],
      ['only its 1f 8b magic bytes', ''],
    ])('gunzips a batch flagged by %s', async (_, query) => {
      const batch = tps()
      const answer = await post(gzipSync(batchBody(batch)), {}, query)
      expect(answer.body).toEqual({ accepted: 30, rejected: 0, duplicates: 0 })
      expect((await journey('visitor-1')).map((tp) => tp.id).sort()).toEqual(
        batch.map((tp) => tp.id).sort(),
      )
    })

    it('answers 413 to a gzip bomb (10 KB that inflate to 100 MB) and stores nothing', async () => {
      const bomb = gzipSync(Buffer.alloc(100_000_000, 0x20), { level: 9 })
      expect(bomb.length).toBeLessThan(200_000)
      const answer = await post(bomb, {}, '?compression=gzip')
      expect(answer.status).toBe(413)
      expect(await storedVisitors()).toEqual([])
    })

    it('answers 400 to a body flagged gzip that is not', async () => {
      const answer = await post(batchBody(tps()), {}, '?compression=gzip')
      expect(answer.status).toBe(400)
      expect(answer.body.error).toMatch(/gzip/)
    })
  })

  describe('batch bounds', () => {
    it('takes 500 touchpoints in one batch', async () => {
      const batch = Array.from({ length: 500 }, () => touchpoint())
      expect((await post(batchBody(batch))).body.accepted).toBe(500)
      expect(await journey('visitor-1')).toHaveLength(500)
    })

    it('answers 413 (so the SDK splits), never 400, to a batch longer than 1,000', async () => {
      const small = { ...touchpoint(), props: {}, context: {}, page: { url: 'https://s.example/' } }
      const batch = Array.from({ length: 1_001 }, () => ({ ...small, id: crypto.randomUUID() }))
      const answer = await post(batchBody(batch))
      expect(answer.status).toBe(413)
      expect(await storedVisitors()).toEqual([])
    })
  })

  describe('feedback and purchase props', () => {
    const feedback = (props) => touchpoint({ type: 'feedback', props })
    const purchase = (props) => touchpoint({ type: 'purchase', props })

    it('stores good ones', async () => {
      const good = [
        feedback({ scale: 'csat', score: 5, question: 'How was it?' }),
        feedback({ scale: 'nps', score: 0, about: { type: 'chat_open', touchpointId: 'x' } }),
        feedback({ scale: 'ces', score: 7, about: { type: 'form_submit' } }),
        feedback({ scale: 'thumbs', score: 1 }),
        purchase({ orderId: 'o-1', value: 0, currency: 'EUR' }),
        purchase({ orderId: 'o-2', value: 129.9, currency: 'USD' }),
      ]
      expect((await post(batchBody(good))).body).toEqual({
        accepted: 6,
        rejected: 0,
        duplicates: 0,
      })
      const stored = await journey('visitor-1')
      expect(stored.find((tp) => tp.id === good[5].id).props).toEqual(good[5].props)
    })

    it.each([
      ['an unknown scale', feedback({ scale: 'stars', score: 3 })],
      ['a score out of range', feedback({ scale: 'csat', score: 6 })],
      ['a score below range', feedback({ scale: 'csat', score: 0 })],
      ['a fractional score', feedback({ scale: 'nps', score: 7.5 })],
      ['a score as text', feedback({ scale: 'thumbs', score: '1' })],
      [
        'a question of 201 characters',
        feedback({ scale: 'ces', score: 2, question: 'q'.repeat(201) }),
      ],
      ['an about without a type', feedback({ scale: 'csat', score: 3, about: {} })],
      ['a purchase without orderId', purchase({ value: 1, currency: 'EUR' })],
      ['a negative value', purchase({ orderId: 'o', value: -1, currency: 'EUR' })],
      ['a value as text', purchase({ orderId: 'o', value: '10', currency: 'EUR' })],
      ['a lower-case currency', purchase({ orderId: 'o', value: 1, currency: 'eur' })],
    ])('rejects %s alone', async (_, bad) => {
      const good = touchpoint()
      const answer = await post(batchBody([bad, good]))
      expect(answer.body).toMatchObject({ accepted: 1, rejected: 1 })
      expect(answer.body.errors[0].id).toBe(bad.id)
      expect((await journey('visitor-1')).map((tp) => tp.id)).toEqual([good.id])
    })
  })

  describe('read token', () => {
    it('answers /api/* only with the bearer token once one is set; ingestion stays open', async () => {
      await collector.close()
      collector = await startCollector({ dbPath: db.path, readToken: 's3cret-token' })
      expect((await post(batchBody([touchpoint()]))).body.accepted).toBe(1)
      const ask = (headers) => fetch(`${collector.url}/api/journeys`, { headers })
      expect((await ask({})).status).toBe(401)
      expect((await ask({ Authorization: 'Bearer wrong' })).status).toBe(401)
      expect((await ask({ Authorization: 's3cret-token' })).status).toBe(401)
      const allowed = await ask({ Authorization: 'Bearer s3cret-token' })
      expect(allowed.status).toBe(200)
      expect((await allowed.json()).visitors).toHaveLength(1)
      // The journey page itself loads without the token; it asks for it.
      expect((await fetch(`${collector.url}/journey/`)).status).toBe(200)
    })
  })
})
