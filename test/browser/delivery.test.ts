// SPEC §5 against a real HTTP collector: what is retried, split or dropped; what a request is.
import { expect, inject, it, vi } from 'vitest'
import type { Tracker } from 'touchtrail'
// Its long batch interval: requests happen when a test flushes or the SDK retries, not on a timer.
import { startGranted } from '../support/grantedTracker'
import { createInbox, type Inbox } from '../support/inbox'

const trackMany = (tracker: Tracker, count: number, provider = 'test') =>
  Array.from({ length: count }, () => tracker.track('chat_open', { provider, trigger: 'api' }))
const acceptedIds = async (inbox: Inbox) => (await inbox.touchpoints()).map(({ id }) => id)

it('posts the SPEC body as text/plain with no preflight and no extra headers', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = startGranted(inbox)
  const [id] = trackMany(tracker, 1, 'wire')
  expect(await tracker.flush()).toEqual({ sent: 1, failed: 0, pending: 0 })
  const [entry] = await inbox.log()
  expect(entry.contentType).toBe('text/plain;charset=UTF-8')
  expect(entry.headers['x-site']).toBeUndefined()
  expect(await inbox.preflights()).toEqual([])
  const body = JSON.parse(await inbox.received()) as Record<string, unknown>
  expect(body).toEqual({
    sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    sdk: { name: 'touchtrail', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
    batch: [
      expect.objectContaining({
        id,
        type: 'chat_open',
        ts: expect.any(String),
        anonymousId: expect.any(String),
        sessionId: expect.any(String),
        userId: null,
        channel: expect.any(String),
        page: expect.objectContaining({
          url: expect.stringContaining(location.origin + location.pathname),
          path: location.pathname,
          title: document.title,
          referrer: expect.any(String),
        }),
        props: { provider: 'wire', trigger: 'api' },
        context: expect.any(Object),
      }),
    ],
  })
})

it('gives each touchpoint the ids of when it was tracked, though envelopes are built later', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = startGranted(inbox)
  // All in one task: the envelopes are built after it, the identity changes within it.
  const before = tracker.track('chat_open', { provider: 'before', trigger: 'api' })
  tracker.reset()
  const afterReset = tracker.track('chat_open', { provider: 'after-reset', trigger: 'api' })
  const identified = tracker.identify('user-7')
  const afterIdentify = tracker.track('chat_open', { provider: 'after-identify', trigger: 'api' })
  expect((await tracker.flush()).sent).toBe(4)
  const byId = new Map((await inbox.touchpoints()).map((t) => [t.id, t]))
  const [a, b, c, d] = [before, afterReset, identified, afterIdentify].map((id) => byId.get(id!)!)
  expect(a.anonymousId).not.toBe(b.anonymousId)
  expect([b, c, d].map((t) => t.anonymousId)).toEqual([b.anonymousId, b.anonymousId, b.anonymousId])
  expect(a.sessionId).not.toBe(b.sessionId)
  expect([c.sessionId, d.sessionId]).toEqual([b.sessionId, b.sessionId])
  expect([a, b, c, d].map((t) => t.userId)).toEqual([null, null, 'user-7', 'user-7'])
  expect(c.type).toBe('identify')
})

it('sends custom headers only when configured, and then with a preflight', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = startGranted(inbox, {
    collector: { url: inbox.url, headers: { 'X-Site': 'shop-1' } },
  })
  trackMany(tracker, 1)
  expect((await tracker.flush()).sent).toBe(1)
  const [entry] = await inbox.log()
  expect(entry.headers['x-site']).toBe('shop-1')
  expect(entry.contentType).toBe('text/plain;charset=UTF-8')
  expect((await inbox.preflights()).map((p) => p.requestHeaders)).toEqual(['x-site'])
})

it('counts what flush() did: sent, failed, pending', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = startGranted(inbox)
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
  trackMany(tracker, 3)
  expect(await tracker.flush()).toEqual({ sent: 3, failed: 0, pending: 0 })
  await inbox.script([{ status: 503, retryAfter: '60' }])
  trackMany(tracker, 2)
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 2, pending: 0 })
  expect((await inbox.log()).map(({ status, ids }) => [status, ids.length])).toEqual([
    [200, 3],
    [503, 2],
  ])

  const held = createInbox(inject('collectorUrl'))
  const pendingTracker = startGranted(held, { consent: 'required' })
  trackMany(pendingTracker, 4)
  expect(await pendingTracker.flush()).toEqual({ sent: 0, failed: 0, pending: 4 })
})

it('retries 503s and a dropped connection with the same ids until a 2xx, losing none', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  await inbox.script([{ status: 503 }, { reset: true }, { status: 503 }], { status: 200 })
  const tracker = startGranted(inbox)
  const ids = trackMany(tracker, 10)
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 10, pending: 0 })
  await expect.poll(() => acceptedIds(inbox), { timeout: 30_000 }).toEqual(ids)
  const log = await inbox.log()
  expect(log.map(({ outcome, status }) => (outcome === 'reset' ? 'reset' : status))).toEqual([
    503,
    'reset',
    503,
    200,
  ])
  for (const entry of log.filter(({ outcome }) => outcome !== 'reset')) {
    expect(entry.ids).toEqual(ids) // the same ids on every retry: the idempotency key
  }
})

it.each([408, 425, 429, 500, 504])('retries a %i', async (status) => {
  const inbox = createInbox(inject('collectorUrl'))
  // Chromium itself resends a request answered 408 on a reused connection, once: script more.
  await inbox.script(
    Array.from({ length: status === 408 ? 3 : 1 }, () => ({ status })),
    { status: 200 },
  )
  const tracker = startGranted(inbox)
  const ids = trackMany(tracker, 2)
  await tracker.flush()
  await expect.poll(() => acceptedIds(inbox), { timeout: 15_000 }).toEqual(ids)
})

it('sends nothing before Retry-After has passed, even when asked to flush', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  await inbox.script([{ status: 429, retryAfter: '2' }], { status: 200 })
  const tracker = startGranted(inbox, { batch: { intervalMs: 100 } })
  const first = trackMany(tracker, 1)
  await tracker.flush()
  const second = trackMany(tracker, 1)
  await tracker.flush()
  await expect.poll(() => acceptedIds(inbox), { timeout: 15_000 }).toEqual([...first, ...second])
  const log = await inbox.log()
  expect(log[0].status).toBe(429)
  for (const entry of log.slice(1)) expect(entry.at - log[0].at).toBeGreaterThanOrEqual(1_990)
})

it('splits a batch the collector finds too large (413) and delivers all of it', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  await inbox.script([{ status: 413 }, { status: 413 }], { status: 200 })
  const tracker = startGranted(inbox)
  const ids = trackMany(tracker, 8)
  await tracker.flush()
  await expect
    .poll(async () => (await acceptedIds(inbox)).sort(), { timeout: 15_000 })
    .toEqual([...ids].sort())
  const log = await inbox.log()
  expect(log[0]).toMatchObject({ status: 413, ids })
  expect(log[1].status).toBe(413)
  expect(log[1].ids.length).toBeLessThanOrEqual(4)
  expect(Math.max(...log.slice(2).map((entry) => entry.ids.length))).toBeLessThanOrEqual(4)
  expect(await acceptedIds(inbox)).toHaveLength(8) // and none twice
})

it.each([400, 404, 422])('drops a batch answered %i and tells onError', async (status) => {
  const inbox = createInbox(inject('collectorUrl'))
  await inbox.script([{ status }], { status: 200 })
  const onError = vi.fn()
  const tracker = startGranted(inbox, { onError })
  const rejected = trackMany(tracker, 3)
  await tracker.flush()
  expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'batch_rejected' }))
  const later = trackMany(tracker, 1)
  await tracker.flush()
  await expect.poll(() => acceptedIds(inbox)).toEqual(later)
  const log = await inbox.log()
  expect(log.map((entry) => [entry.status, entry.ids])).toEqual([
    [status, rejected],
    [200, later],
  ])
})

it('with compress, gzips a batch of 1 KB or more: text/plain, no Content-Encoding, no preflight', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = startGranted(inbox, { collector: { url: inbox.url, compress: true } })
  const ids = trackMany(tracker, 20, 'compressed')
  expect(await tracker.flush()).toEqual({ sent: 20, failed: 0, pending: 0 })
  const [entry] = await inbox.log()
  expect(entry).toMatchObject({ gzipped: true, query: '?compression=gzip', status: 200 })
  expect(entry.contentType).toBe('text/plain;charset=UTF-8')
  expect(entry.headers['content-encoding']).toBeUndefined()
  expect(await inbox.preflights()).toEqual([])
  // It gunzips to the batch, every touchpoint whole.
  const body = JSON.parse(await inbox.received()) as { sdk: unknown; batch: { id: string }[] }
  expect(body.sdk).toMatchObject({ name: 'touchtrail' })
  expect(body.batch.map((t) => t.id)).toEqual(ids)
  expect(entry.bytes).toBeLessThan(new TextEncoder().encode(await inbox.received()).length / 3)
})

it('with compress, sends a body under 1 KB plain, without the parameter', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = startGranted(inbox, { collector: { url: inbox.url, compress: true } })
  const [id] = trackMany(tracker, 1, 'small')
  expect((await tracker.flush()).sent).toBe(1)
  expect(await inbox.log()).toEqual([expect.objectContaining({ gzipped: false, query: '' })])
  expect(await acceptedIds(inbox)).toEqual([id])
})

it('without compress, sends a large batch plain', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = startGranted(inbox)
  trackMany(tracker, 20, 'plain')
  expect((await tracker.flush()).sent).toBe(20)
  expect(await inbox.log()).toEqual([expect.objectContaining({ gzipped: false, query: '' })])
  expect(await inbox.preflights()).toEqual([])
})

it('sends posthogFormat compressed with its own flag, and segmentFormat plain, neither preflighted', async () => {
  const { posthogFormat, segmentFormat } = await import('touchtrail')
  const posthog = createInbox(inject('collectorUrl'))
  const segment = createInbox(inject('collectorUrl'))
  const a = startGranted(posthog, {
    collector: { url: posthog.url, compress: true, format: posthogFormat({ apiKey: 'phc_t' }) },
  })
  const b = startGranted(segment, {
    collector: { url: segment.url, compress: true, format: segmentFormat({ writeKey: 'wk' }) },
  })
  const ids = trackMany(a, 20, 'ph')
  trackMany(b, 20, 'seg')
  expect((await a.flush()).sent).toBe(20)
  expect((await b.flush()).sent).toBe(20)
  const [ph] = await posthog.log()
  const [seg] = await segment.log()
  expect(ph).toMatchObject({ gzipped: true, query: '?compression=gzip-js' })
  expect(seg).toMatchObject({ gzipped: false, query: '' })
  const body = JSON.parse(await posthog.received()) as {
    api_key: string
    batch: { uuid: string }[]
  }
  expect(body.api_key).toBe('phc_t')
  expect(body.batch.map((event) => event.uuid)).toEqual(ids)
  expect(JSON.parse(await segment.received())).toMatchObject({ writeKey: 'wk' })
  expect([...(await posthog.preflights()), ...(await segment.preflights())]).toEqual([])
})
