import { gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { QueueRecord } from '../../../src/core/batch'
import { COMPRESS_MIN_BYTES, createPoster } from '../../../src/transport/collector'
import { posthogFormat } from '../../../src/transport/posthogFormat'
import { segmentFormat } from '../../../src/transport/segmentFormat'
import type { Batch, BodyFormat, CollectorOptions } from '../../../src/types'

// The poster over a recording fetch: what URL, headers and bytes each request would carry.
interface Sent {
  url: string
  headers: Record<string, string>
  body: Buffer
  keepalive?: boolean
}
let requests: Sent[] = []
beforeEach(() => {
  requests = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const body = init.body
    requests.push({
      url,
      headers: init.headers as Record<string, string>,
      body: typeof body === 'string' ? Buffer.from(body) : Buffer.from(body as ArrayBuffer),
      keepalive: init.keepalive,
    })
    return new Response('ok', { status: 200 })
  })
})
afterEach(() => vi.unstubAllGlobals())

const touchpoint = (n: number, pad = 0) => ({
  id: `0193a4c2-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type: n % 3 === 0 ? 'page_view' : 'chat_open',
  ts: '2026-11-23T03:00:00.000Z',
  anonymousId: 'anon-1',
  sessionId: 'sess-1',
  userId: null,
  channel: 'social',
  page: { url: 'https://shop.example/p/1', path: '/p/1', title: 'P1', referrer: '' },
  props: { provider: 'custom', trigger: 'api', note: 'x'.repeat(pad) },
  context: { locale: 'vi-VN', screen: '390x844' },
})
const records = (count: number, pad = 0): QueueRecord[] =>
  Array.from({ length: count }, (_, n) => {
    const json = JSON.stringify(touchpoint(n, pad))
    return { id: touchpoint(n).id, json }
  })
const text = (sent: Sent) =>
  (sent.body[0] === 0x1f && sent.body[1] === 0x8b ? gunzipSync(sent.body) : sent.body).toString()
const post = (collector: CollectorOptions, list: QueueRecord[], keepalive?: boolean) =>
  createPoster(collector, '1.2.3')(list, keepalive)

it('joins the stored JSON into the touchtrail body, as text/plain with no other header', async () => {
  const list = records(3)
  expect(await post({ url: 'https://c.example/t' }, list)).toEqual({
    status: 200,
    retryAfter: null,
  })
  const [sent] = requests
  expect(sent.url).toBe('https://c.example/t')
  expect(sent.headers).toEqual({ 'Content-Type': 'text/plain;charset=UTF-8' })
  const body = JSON.parse(text(sent)) as Batch
  expect(body.sdk).toEqual({ name: 'touchtrail', version: '1.2.3' })
  expect(body.batch).toEqual(list.map((r) => JSON.parse(r.json)))
  expect(text(sent)).toContain(`"batch":[${list.map((r) => r.json).join(',')}]`)
})

it('with compress, gzips a body of 1,024 bytes or more, says so in the query and not in a header', async () => {
  const list = records(20)
  await post({ url: 'https://c.example/t', compress: true }, list)
  const [sent] = requests
  expect(sent.url).toBe('https://c.example/t?compression=gzip')
  expect(sent.headers).toEqual({ 'Content-Type': 'text/plain;charset=UTF-8' })
  expect([sent.body[0], sent.body[1]]).toEqual([0x1f, 0x8b])
  expect((JSON.parse(text(sent)) as Batch).batch.map((t) => t.id)).toEqual(list.map((r) => r.id))
  expect(sent.body.length).toBeLessThan(Buffer.byteLength(text(sent)) / 4)
})

it('sends a body under 1,024 bytes plain, and one of exactly 1,024 compressed', async () => {
  const plainSize = (pad: number) =>
    Buffer.byteLength(
      `{"sentAt":"2026-11-23T03:00:00.000Z","sdk":{"name":"touchtrail","version":"1.2.3"},"batch":[${JSON.stringify(touchpoint(1, pad))}]}`,
    )
  const pad = COMPRESS_MIN_BYTES - plainSize(0)
  expect(plainSize(pad)).toBe(COMPRESS_MIN_BYTES)
  await post({ url: 'https://c.example/t', compress: true }, records(2, 0).slice(1))
  await post({ url: 'https://c.example/t', compress: true }, records(2, pad - 1).slice(1))
  await post({ url: 'https://c.example/t', compress: true }, records(2, pad).slice(1))
  expect(requests.map((r) => r.url)).toEqual([
    'https://c.example/t',
    'https://c.example/t',
    'https://c.example/t?compression=gzip',
  ])
  expect(requests[1].body.length).toBe(COMPRESS_MIN_BYTES - 1)
})

it('keeps the query and fragment of the URL when it adds the parameter', async () => {
  const collector = (url: string) => post({ url, compress: true }, records(20))
  await collector('https://c.example/t?site=a#x')
  await collector('https://c.example/t?')
  await collector('/t#frag?not-a-query')
  expect(requests.map((r) => r.url)).toEqual([
    'https://c.example/t?site=a&compression=gzip#x',
    'https://c.example/t?&compression=gzip',
    '/t?compression=gzip#frag?not-a-query',
  ])
})

it('sends plain without compress, at page hide, and where the browser has no CompressionStream', async () => {
  await post({ url: 'https://c.example/t' }, records(20))
  await post({ url: 'https://c.example/t', compress: true }, records(20), true)
  vi.stubGlobal('CompressionStream', undefined)
  await post({ url: 'https://c.example/t', compress: true }, records(20))
  expect(requests.map((r) => [r.url, r.body[0], r.keepalive])).toEqual([
    ['https://c.example/t', 0x7b, undefined],
    ['https://c.example/t', 0x7b, true],
    ['https://c.example/t', 0x7b, undefined],
  ])
})

it('compresses posthogFormat with its own flag, never segmentFormat nor a format without a rule', async () => {
  const list = records(20)
  await post(
    { url: 'https://ph.example/batch', compress: true, format: posthogFormat({ apiKey: 'phc_1' }) },
    list,
  )
  await post(
    {
      url: 'https://seg.example/v1/batch',
      compress: true,
      format: segmentFormat({ writeKey: 'wk' }),
    },
    list,
  )
  const plain: BodyFormat = ({ batch }) => ({ events: batch.map((t) => t.id) })
  await post({ url: 'https://own.example/', compress: true, format: plain }, list)
  expect(requests.map((r) => [r.url, r.body[0]])).toEqual([
    ['https://ph.example/batch?compression=gzip-js', 0x1f],
    ['https://seg.example/v1/batch', 0x7b],
    ['https://own.example/', 0x7b],
  ])
  expect(JSON.parse(text(requests[0]))).toMatchObject({ api_key: 'phc_1' })
  expect(JSON.parse(text(requests[2]))).toEqual({ events: list.map((r) => r.id) })
})

it('gives a format and a custom transport the touchpoints as objects, each parsed from its stored JSON', async () => {
  const list = records(3)
  const seen: Batch[] = []
  const answer = await createPoster(async (batch) => void seen.push(batch), '1.2.3')(list)
  expect(answer.status).toBe(200)
  expect(seen[0].sdk).toEqual({ name: 'touchtrail', version: '1.2.3' })
  expect(seen[0].batch).toEqual(list.map((r) => JSON.parse(r.json)))
  const formats: Batch[] = []
  await post({ url: 'https://own.example/', format: (batch) => (formats.push(batch), {}) }, list)
  expect(formats[0].batch).toEqual(seen[0].batch)
})

it('reads a custom transport’s rejection as its status, or as no answer', async () => {
  const failing = (error: unknown) => createPoster(() => Promise.reject(error), 'v')(records(1))
  expect(await failing({ status: 429 })).toEqual({ status: 429, retryAfter: null })
  expect(await failing(new Error('offline'))).toEqual({ status: 0, retryAfter: null })
})
