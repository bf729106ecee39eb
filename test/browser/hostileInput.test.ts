// Whatever a page passes in, the SDK throws nothing, rejects nothing, and keeps delivering.
import { afterEach, beforeEach, expect, inject, it, vi } from 'vitest'
import { createTracker } from 'touchtrail'
import type { Tracker } from 'touchtrail'
import { createInbox } from '../support/inbox'

const problems: unknown[] = []
const onRejection = (event: PromiseRejectionEvent) => problems.push(event.reason)
const onWindowError = (event: ErrorEvent) => problems.push(event.error ?? event.message)
const trackers: Tracker[] = []
beforeEach(() => {
  problems.length = 0
  addEventListener('unhandledrejection', onRejection)
  addEventListener('error', onWindowError)
})
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((tracker) => tracker.shutdown()))
  removeEventListener('unhandledrejection', onRejection)
  removeEventListener('error', onWindowError)
})

const circular: Record<string, unknown> = { a: 1 }
circular.self = circular
const throwingGetter = Object.defineProperty({}, 'boom', {
  enumerable: true,
  get: () => {
    throw new Error('getter')
  },
})
const hostileProxy = new Proxy(
  {},
  {
    ownKeys: () => {
      throw new Error('ownKeys')
    },
    get: () => {
      throw new Error('get')
    },
    getOwnPropertyDescriptor: () => {
      throw new Error('descriptor')
    },
  },
)
const huge = 'x'.repeat(1_000_000)

// Every public method, called as plain JavaScript on a page could call it.
type Loose = Record<string, (...args: unknown[]) => unknown>
const badCalls: Array<[string, (t: Loose) => unknown]> = [
  ['track(undefined)', (t) => t.track(undefined)],
  ['track(null)', (t) => t.track(null)],
  ['track(42)', (t) => t.track(42, {})],
  ['track({})', (t) => t.track({}, {})],
  ['track("")', (t) => t.track('', {})],
  ['a 1 MB type', (t) => t.track(huge, {})],
  ['string props', (t) => t.track('chat_open', 'props')],
  ['number props', (t) => t.track('chat_open', 42)],
  ['null props', (t) => t.track('chat_open', null)],
  ['array props', (t) => t.track('chat_open', [1, 2])],
  ['circular props', (t) => t.track('custom_circular', circular)],
  ['BigInt props', (t) => t.track('custom_bigint', { big: 10n })],
  ['function and symbol props', (t) => t.track('custom_fn', { fn: () => 1, sym: Symbol('s') })],
  ['a 1 MB string prop', (t) => t.track('custom_huge', { huge })],
  ['a throwing getter', (t) => t.track('custom_getter', throwingGetter)],
  ['a hostile Proxy', (t) => t.track('custom_proxy', hostileProxy)],
  [
    'odd values',
    (t) =>
      t.track('custom_odd', {
        date: new Date(0),
        nan: NaN,
        inf: -Infinity,
        undef: undefined,
        deep: [[[[{}]]]],
        map: new Map([[1, 2]]),
        el: document.body,
        err: new Error('e'),
      }),
  ],
  ['consent("maybe")', (t) => t.consent('maybe')],
  ['consent(undefined)', (t) => t.consent(undefined)],
  ['consent(null)', (t) => t.consent(null)],
  ['consent({})', (t) => t.consent({})],
  ['identify(undefined)', (t) => t.identify(undefined)],
  ['identify(42, circular)', (t) => t.identify(42, circular)],
  ['identify with BigInt traits', (t) => t.identify('u', { big: 1n })],
  ['page("string")', (t) => t.page('string')],
  ['page(circular)', (t) => t.page(circular)],
  ['page(null)', (t) => t.page(null)],
]

it('survives bad input with no exception or rejection, and still delivers', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const onError = vi.fn()
  const tracker = createTracker({
    collector: inbox.url,
    consent: 'granted',
    queue: { name: inbox.name },
    onError,
    batch: { intervalMs: 100 },
  })
  trackers.push(tracker)
  const loose = tracker as unknown as Loose
  const thrown: string[] = []
  for (const [name, call] of badCalls) {
    try {
      call(loose)
    } catch {
      thrown.push(name)
    }
  }
  expect(thrown).toEqual([])
  // Concurrent flushes, while bad touchpoints may sit in the queue.
  const results = await Promise.all(Array.from({ length: 10 }, () => tracker.flush()))
  for (const result of results) {
    expect(result).toEqual({ sent: expect.any(Number), failed: 0, pending: expect.any(Number) })
  }
  const good = tracker.track('chat_open', { provider: `good-${inbox.name}`, trigger: 'api' })
  expect(good).toEqual(expect.any(String))
  await tracker.flush()
  await expect
    .poll(async () => (await inbox.touchpoints()).map(({ id }) => id), {
      timeout: 15_000,
    })
    .toContain(good)

  expect(problems).toEqual([])
  expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_input' }))
  const log = await inbox.log()
  expect(log.every(({ status }) => status === 200)).toBe(true)
  // Every request fit the default byte budget: no 1 MB string reached the wire.
  expect(Math.max(...log.map(({ bytes }) => bytes))).toBeLessThanOrEqual(60_000)
  for (const touchpoint of await inbox.touchpoints()) {
    expect(touchpoint).toMatchObject({ id: expect.any(String), type: expect.any(String) })
    expect(touchpoint.type).not.toBe('')
  }
})

it('sends each touchpoint once when flush() is called many times at once', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  await inbox.script([{ delayMs: 200 }, { delayMs: 200 }], { status: 200 })
  const tracker = createTracker({
    collector: inbox.url,
    consent: 'granted',
    queue: { name: inbox.name },
    batch: { intervalMs: 60_000, maxEvents: 20 },
  })
  trackers.push(tracker)
  const ids = Array.from({ length: 50 }, (_, i) =>
    tracker.track('chat_open', { provider: `p${i}`, trigger: 'api' }),
  )
  const results = await Promise.all(Array.from({ length: 8 }, () => tracker.flush()))
  expect(results.every((result) => result.failed === 0)).toBe(true)
  await expect.poll(async () => (await inbox.touchpoints()).length).toBeGreaterThanOrEqual(50)
  const delivered = (await inbox.touchpoints()).map(({ id }) => id)
  expect([...delivered].sort()).toEqual([...ids].sort() as string[])
  expect(problems).toEqual([])
})
