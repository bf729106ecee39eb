// GET /api/customers, /api/customers/<userId>, /api/customers.csv and /api/attribution over real
// HTTP on both stores: two devices and two sites joined into one customer (SPEC §7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCollector } from '../collector/server.mjs'
import { csvCell } from '../collector/customersCsv.mjs'
import { batchBody, touchpoint } from './helpers.mjs'
import { STORES } from './stores.mjs'

const T0 = Date.parse('2026-11-20T10:00:00.000Z')
const at = (minutes) => new Date(T0 + minutes * 60_000).toISOString()
const page = (host, path) => ({
  page: { url: `https://${host}${path}`, path, title: path, referrer: '' },
})

// Ada reads the blog on her phone from an email, identifies; later buys on her laptop, where
// she was anonymous first. A shared laptop: Bob identifies after Ada on it.
const phone = { anonymousId: 'phone-ada', sessionId: 'phone-s1', channel: 'email' }
const laptop = { anonymousId: 'laptop-shared', sessionId: 'laptop-s1', channel: 'paid_search' }
const JOURNEY = [
  touchpoint({ ...phone, ts: at(0), ...page('blog.example', '/post') }),
  touchpoint({
    ...phone,
    ts: at(1),
    type: 'identify',
    userId: 'ada',
    props: { traits: { email: 'ada@example.com', plan: '=HYPERLINK("x")' } },
    ...page('blog.example', '/post'),
  }),
  touchpoint({ ...laptop, ts: at(60), stage: 'consideration', ...page('shop.example', '/p/1') }),
  touchpoint({
    ...laptop,
    ts: at(61),
    type: 'feedback',
    stage: 'consideration',
    props: { scale: 'nps', score: 10 },
    ...page('shop.example', '/p/1'),
  }),
  touchpoint({ ...laptop, ts: at(62), type: 'identify', userId: 'ada', props: { traits: {} } }),
  touchpoint({
    ...laptop,
    ts: at(63),
    type: 'purchase',
    userId: 'ada',
    stage: 'purchase',
    props: { orderId: 'o-1', value: 80, currency: 'EUR' },
    ...page('shop.example', '/checkout'),
  }),
  touchpoint({
    ...laptop,
    sessionId: 'laptop-s2',
    channel: 'direct',
    ts: at(120),
    type: 'identify',
    userId: 'bob',
    props: { traits: { email: 'bob@example.com' } },
  }),
  touchpoint({ ...laptop, sessionId: 'laptop-s2', channel: 'direct', ts: at(121) }),
  touchpoint({ anonymousId: 'stranger', sessionId: 'x-s1', ts: at(130) }),
]

describe.each(STORES)('customers on $name', (store) => {
  let db
  let collector
  const get = async (path) => {
    const response = await fetch(`${collector.url}${path}`)
    const text = await response.text()
    const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text
    return { status: response.status, body: json, headers: response.headers }
  }

  beforeAll(async () => {
    db = await store.fresh()
    collector = await startCollector({ dbPath: db.path })
    const response = await fetch(`${collector.url}/t`, {
      method: 'POST',
      body: batchBody(JOURNEY),
    })
    expect((await response.json()).accepted).toBe(JOURNEY.length)
  })
  afterAll(async () => {
    await collector.close()
    db.remove()
    await store.stop()
  })

  it('joins both devices into one journey, with the touchpoints before identify', async () => {
    const { status, body } = await get('/api/customers/ada')
    expect(status).toBe(200)
    expect(body.touchpoints.map((tp) => tp.id)).toEqual(JOURNEY.slice(0, 6).map((tp) => tp.id))
    expect(body.touchpoints.map((tp) => [tp.device, tp.site])).toEqual([
      [1, 'blog.example'],
      [1, 'blog.example'],
      [2, 'shop.example'],
      [2, 'shop.example'],
      [2, 'shop.example'],
      [2, 'shop.example'],
    ])
    expect(body.summary).toEqual({
      userId: 'ada',
      traits: { email: 'ada@example.com', plan: '=HYPERLINK("x")' },
      anonymousIds: ['phone-ada', 'laptop-shared'],
      devices: 2,
      sites: ['blog.example', 'shop.example'],
      touchpoints: 6,
      sessions: 2,
      firstTouch: {
        id: JOURNEY[0].id,
        ts: at(0),
        type: 'page_view',
        channel: 'email',
        site: 'blog.example',
        path: '/post',
      },
      firstChannel: 'email',
      stages: ['awareness', 'consideration', 'purchase'],
      satisfaction: { answers: 1, csat: null, nps: 100, ces: null, thumbs: null },
      conversions: 1,
      value: 80,
      currency: 'EUR',
      lastTouch: expect.objectContaining({ id: JOURNEY[5].id, type: 'purchase' }),
    })
  })

  it("splits a shared computer at each identify: Bob's part is his alone", async () => {
    const { body } = await get('/api/customers/bob')
    expect(body.touchpoints.map((tp) => tp.id)).toEqual([JOURNEY[6].id, JOURNEY[7].id])
    expect(body.summary).toMatchObject({ devices: 1, conversions: 0, firstChannel: 'direct' })
  })

  it('answers 404 for a userId never seen', async () => {
    expect((await get('/api/customers/nobody')).status).toBe(404)
  })

  it('lists customers and anonymous visitors, newest first', async () => {
    const { body } = await get('/api/customers')
    expect(body.customers.map((c) => [c.key, c.userId, c.touchpoints, c.devices])).toEqual([
      ['a:stranger', null, 1, 1],
      ['u:bob', 'bob', 2, 1],
      ['u:ada', 'ada', 6, 2],
    ])
    expect(body.customers[2]).toMatchObject({
      anonymousIds: ['laptop-shared', 'phone-ada'],
      sites: ['blog.example', 'shop.example'],
      firstChannel: 'email',
      conversions: 1,
      firstSeen: at(0),
      lastSeen: at(63),
    })
  })

  it('gives one CSV row per identified customer, quoted, formula cells defused', async () => {
    const { status, body, headers } = await get('/api/customers.csv')
    expect(status).toBe(200)
    expect(headers.get('content-type')).toMatch(/^text\/csv/)
    const lines = body.split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^userId,traits,anonymousIds,devices,sites,/)
    const ada = lines.find((line) => line.startsWith('ada,'))
    // The traits cell is JSON: quoted, its quotes doubled; the formula lives inside the JSON text.
    expect(ada).toContain(
      '"{""email"":""ada@example.com"",""plan"":""=HYPERLINK(\\""x\\"")""}",phone-ada laptop-shared,2,',
    )
    expect(ada).toContain(',1,80,EUR,')
    expect(lines.filter((line) => line.startsWith('bob,'))).toHaveLength(1)
    expect(body).not.toContain('stranger')
  })

  it('answers attribution from the same data: email first, paid search last', async () => {
    const first = (await get('/api/attribution?model=first&by=channel')).body
    expect(first).toEqual({
      model: 'first',
      by: 'channel',
      currency: 'EUR',
      conversions: 1,
      value: 80,
      rows: [{ key: 'email', conversions: 1, value: 80, share: 1 }],
    })
    const last = (await get('/api/attribution?model=last&by=channel')).body
    expect(last.rows).toEqual([{ key: 'paid_search', conversions: 1, value: 80, share: 1 }])
    const bad = await get('/api/attribution?model=magic')
    expect(bad.status).toBe(400)
  })
})

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=1+1', "'=1+1"],
    ['+33 1 23', "'+33 1 23"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=a,b', `"'=a,b"`],
    [-20, '-20'],
    [null, ''],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })
})
