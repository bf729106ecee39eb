// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { DOCS } from '../../src/lib/report'
import { createTracker } from '../../src/tracker'
import type { Batch, Touchpoint, Tracker, TrackerOptions, TouchtrailError } from '../../src/types'

// The tracker through its public door, over the real queue on fake-indexeddb; the collector is a
// custom transport that keeps every batch it gets. Each test has its own queue and storage keys.
let batches: Batch[]
let errors: TouchtrailError[]
// [code, text]: each message is its text and the link to where its code is explained.
const told = () =>
  errors.map((e) => {
    expect(e.message.endsWith(` (${DOCS}#${e.code})`)).toBe(true)
    return [e.code, e.message.slice(0, e.message.lastIndexOf(' ('))]
  })
let trackers: Tracker[]
const received = (): Touchpoint[] => batches.flatMap((batch) => batch.batch)
const start = (options: Partial<TrackerOptions> = {}) => {
  const tracker = createTracker({
    collector: async (batch) => void batches.push(batch),
    queue: { name: crypto.randomUUID() },
    onError: (error) => errors.push(error),
    ...options,
  })
  trackers.push(tracker)
  return tracker
}
const T0 = Date.parse('2026-03-01T09:00:00Z')
// The clock: stopped at a given time while a call runs, else running, moved by `shift`. Not fake
// timers: the queue waits on the running clock between writes, and timers and IndexedDB run for real.
const realNow = Date.now
let frozen: number | undefined
let shift: number
const at = <R>(ms: number, call: () => R): R => {
  frozen = ms
  try {
    return call()
  } finally {
    frozen = undefined
  }
}

beforeEach(() => {
  batches = []
  errors = []
  trackers = []
  shift = 0
  vi.spyOn(Date, 'now').mockImplementation(() => frozen ?? realNow() + shift)
})
afterEach(async () => {
  await Promise.all(trackers.map((tracker) => tracker.shutdown()))
  vi.restoreAllMocks()
})

it('holds touchpoints while consent is pending, and sends nothing, not even as the page hides', async () => {
  const tracker = start()
  expect(tracker.track('chat_open', { provider: 'x', trigger: 'api' })).toBeTypeOf('string')
  tracker.page()
  dispatchEvent(new Event('pagehide'))
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 2 })
  expect(batches).toEqual([])
})

it('on grant, sends the held touchpoints in the order tracked, with the time they were tracked', async () => {
  const tracker = start()
  const first = at(T0, () => tracker.track('chat_open', { provider: 'x', trigger: 'api' }))
  const second = at(T0 + 1_000, () =>
    tracker.track('review_read', { reviewId: 'r1', dwellMs: 3_000 }),
  )
  tracker.consent('granted')
  await tracker.flush()
  await expect.poll(() => received().length).toBe(2)
  expect(received().map((t) => [t.id, t.type, t.ts, t.props])).toEqual([
    [first, 'chat_open', '2026-03-01T09:00:00.000Z', { provider: 'x', trigger: 'api' }],
    [second, 'review_read', '2026-03-01T09:00:01.000Z', { reviewId: 'r1', dwellMs: 3_000 }],
  ])
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 0 }) // sent once only
})

it('on denial, forgets what was held and drops what is tracked later', async () => {
  const tracker = start()
  tracker.track('chat_open', { provider: 'x', trigger: 'api' })
  tracker.consent('denied')
  expect(tracker.track('chat_open', { provider: 'y', trigger: 'api' })).toBeUndefined()
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
  tracker.consent('granted') // changed their mind: only what comes now is sent
  const later = tracker.track('chat_open', { provider: 'z', trigger: 'api' })
  await tracker.flush()
  await expect.poll(() => received().map((t) => t.id)).toEqual([later])
})

it('on denial, deletes what was stored and not yet delivered', async () => {
  let down = true
  const tracker = start({
    consent: 'granted',
    collector: async (batch) => {
      if (down) throw Object.assign(new Error('unavailable'), { status: 503 })
      batches.push(batch)
    },
  })
  tracker.track('chat_open', { provider: 'before', trigger: 'api' })
  expect(await tracker.flush()).toMatchObject({ sent: 0, failed: 1 }) // stored, waiting to retry
  tracker.consent('denied')
  down = false
  shift = 10 * 60_000 // past any backoff
  tracker.consent('granted')
  const after = tracker.track('chat_open', { provider: 'after', trigger: 'api' })
  await tracker.flush()
  await expect.poll(() => received().map((t) => t.id)).toEqual([after])
})

it('on denial, drops what was tracked in the same task and not yet built', async () => {
  const tracker = start({ consent: 'granted' })
  tracker.track('chat_open', { provider: 'before', trigger: 'api' })
  tracker.consent('denied')
  tracker.consent('granted')
  const after = tracker.track('chat_open', { provider: 'after', trigger: 'api' })
  await tracker.flush()
  await expect.poll(() => received().map((t) => t.id)).toEqual([after])
})

it('identify and reset change the ids of later touchpoints only', async () => {
  const tracker = start({ consent: 'granted' })
  tracker.track('chat_open', { provider: 'a', trigger: 'api' })
  tracker.identify('u1', { plan: 'pro' })
  tracker.track('chat_open', { provider: 'b', trigger: 'api' })
  tracker.reset()
  tracker.track('chat_open', { provider: 'c', trigger: 'api' })
  await tracker.flush()
  await expect.poll(() => received().length).toBe(4)
  const [a, identify, b, c] = received()
  expect([a, identify, b, c].map((t) => [t!.type, t!.userId])).toEqual([
    ['chat_open', null],
    ['identify', 'u1'],
    ['chat_open', 'u1'],
    ['chat_open', null],
  ])
  expect(identify!.props).toEqual({ traits: { plan: 'pro' } })
  expect(new Set([a, identify, b].map((t) => t!.anonymousId)).size).toBe(1)
  expect(c!.anonymousId).not.toBe(a!.anonymousId)
})

it('identify and reset before consent change the ids of later touchpoints only', async () => {
  const tracker = start()
  tracker.identify('u1')
  tracker.track('chat_open', { provider: 'a', trigger: 'api' })
  tracker.reset() // log-out on a shared computer, before the banner was answered
  tracker.track('chat_open', { provider: 'c', trigger: 'api' })
  tracker.consent('granted')
  await tracker.flush()
  await expect.poll(() => received().length).toBe(3)
  const [identify, a, c] = received()
  expect([identify, a, c].map((t) => t!.userId)).toEqual(['u1', 'u1', null])
  expect(a!.anonymousId).toBe(identify!.anonymousId)
  // The logged-out visitor must not be linked to u1 through a shared anonymousId.
  expect(c!.anonymousId).not.toBe(a!.anonymousId)
})

it('reports bad input through onError and drops it', async () => {
  const tracker = start({ consent: 'granted' })
  expect(tracker.track('not a type' as never, {} as never)).toBeUndefined()
  expect(tracker.track('chat_open', 'x' as never)).toBeUndefined()
  expect(tracker.identify('')).toBeUndefined()
  tracker.consent('maybe' as never)
  const good = tracker.track('chat_open', { provider: 'x', trigger: 'api' })
  expect(told()).toEqual([
    ['invalid_input', `track(): type 'not a type' is not a name`],
    ['invalid_input', `track('chat_open'): props must be an object`],
    ['invalid_input', 'identify(): userId must be a string of 1 to 256 characters'],
    ['invalid_input', `consent(): maybe is not granted or denied`],
  ])
  await tracker.flush()
  await expect.poll(() => received().map((t) => t.id)).toEqual([good])
})

it('never throws from a method, even when onError throws', async () => {
  const throwing = () => {
    throw new Error('from the page')
  }
  const props = {
    get provider(): string {
      throw new Error('getter')
    },
  }
  const hostile = new Proxy({}, { ownKeys: throwing })
  const tracker = start({
    onError: (error) => {
      errors.push(error)
      throwing()
    },
    consent: throwing, // a consent source that throws
    capture: [throwing], // a capture that throws as it starts
  })
  expect(tracker.track('chat_open', props as never)).toBeUndefined()
  expect(tracker.track('' as never, {} as never)).toBeUndefined()
  expect(tracker.page(hostile)).toBeUndefined()
  expect(tracker.identify(null as never)).toBeUndefined()
  expect(tracker.identify('u1', hostile)).toBeUndefined()
  expect(tracker.consent(null as never)).toBeUndefined()
  expect(tracker.reset()).toBeUndefined()
  await expect(tracker.flush()).resolves.toMatchObject({ sent: 0 })
  await expect(tracker.shutdown()).resolves.toBeUndefined()
  // Each problem reached onError all the same.
  expect(told()).toEqual([
    ['internal', 'consent source() failed'],
    ['internal', 'capture() failed'],
    ['internal', 'track() failed'],
    ['invalid_input', `track(): type '' is not a name`],
    ['internal', 'page() failed'],
    ['invalid_input', 'identify(): userId must be a string of 1 to 256 characters'],
    ['internal', 'identify() failed'],
    ['invalid_input', `consent(): null is not granted or denied`],
  ])
})
