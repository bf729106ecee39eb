// Property-based fuzzing of the public API in real Chromium: random sequences of track, page,
// identify, reset, consent and flush with whatever a page could pass (BigInt, cycles, functions,
// huge strings, symbols, throwing getters and Proxies, lone surrogates) never throw, never leave
// an unhandled rejection or window error, and a good touchpoint tracked afterwards still arrives.
// Each test writes its row to test/artifacts/faults.json for `node scripts/faultTable.mjs`.
import fc from 'fast-check'
import { afterEach, beforeEach, expect, inject, it, onTestFinished } from 'vitest'
import { commands } from 'vitest/browser'
import { createTracker } from 'touchtrail'
import type { Tracker } from 'touchtrail'
import { createInbox } from '../support/inbox'

const problems: string[] = []
const onRejection = (event: PromiseRejectionEvent) => problems.push(`rejection: ${event.reason}`)
const onWindowError = (event: ErrorEvent) => problems.push(`error: ${event.message}`)
beforeEach(() => {
  problems.length = 0
  addEventListener('unhandledrejection', onRejection)
  addEventListener('error', onWindowError)
})
afterEach(() => {
  removeEventListener('unhandledrejection', onRejection)
  removeEventListener('error', onWindowError)
})

// ---- The row this file leaves in test/artifacts/faults.json (paths from the project root) ----
const ARTIFACT = 'test/artifacts/faults.json'
const row = (id: string, scenario: string, numbers: () => Record<string, unknown>) =>
  onTestFinished(async ({ task }) => {
    let rows: Record<string, unknown> = {}
    try {
      rows = JSON.parse(await commands.readFile(ARTIFACT)) as Record<string, unknown>
    } catch {} // No table yet: this row starts it.
    rows[id] = {
      id,
      scenario,
      file: 'test/browser/faultsFuzz.test.ts',
      ...numbers(),
      result: task.result?.state,
      at: new Date().toISOString(),
    }
    await commands.writeFile(ARTIFACT, JSON.stringify(rows, null, 2))
  })

// ---- What a page may pass, as plain descriptions made into values only when called ----
// Descriptions keep fast-check's counterexamples printable (a throwing Proxy is not) and give each
// run fresh objects.
type Desc =
  | { kind: 'value'; value: unknown }
  | { kind: 'circular' | 'function' | 'getter' | 'proxy' | 'frozen-proxy' }
  | { kind: 'symbol'; name: string }
  | { kind: 'huge'; length: number }
  | { kind: 'object'; entries: Array<[string, Desc]> }
  | { kind: 'array'; items: Desc[] }

const plain = fc
  .anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    stringUnit: 'binary', // lone surrogates included
    maxDepth: 3,
  })
  .map((value): Desc => ({ kind: 'value', value }))

const leaf: fc.Arbitrary<Desc> = fc.oneof(
  { weight: 4, arbitrary: plain },
  fc.constantFrom<Desc>(
    { kind: 'circular' },
    { kind: 'function' },
    { kind: 'getter' },
    { kind: 'proxy' },
    { kind: 'frozen-proxy' },
  ),
  fc.string().map((name): Desc => ({ kind: 'symbol', name })),
  fc.integer({ min: 10_000, max: 2_000_000 }).map((length): Desc => ({ kind: 'huge', length })),
)

const { desc } = fc.letrec<{ desc: Desc }>((tie) => ({
  desc: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .array(fc.tuple(fc.string(), tie('desc')), { maxLength: 4 })
      .map((entries): Desc => ({ kind: 'object', entries })),
    fc.array(tie('desc'), { maxLength: 4 }).map((items): Desc => ({ kind: 'array', items })),
  ),
}))

const made = (d: Desc): unknown => {
  switch (d.kind) {
    case 'value':
      return d.value
    case 'symbol':
      return Symbol(d.name)
    case 'huge':
      return 'x'.repeat(d.length)
    case 'function':
      return () => 'called'
    case 'circular': {
      const self: Record<string, unknown> = { name: 'loop', list: [] }
      ;(self.list as unknown[]).push(self)
      self.self = self
      return self
    }
    case 'getter':
      return Object.defineProperty({ ok: 1 }, 'boom', {
        enumerable: true,
        get: () => {
          throw new Error('getter throws')
        },
      })
    case 'proxy':
      return new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('ownKeys throws')
          },
          get: () => {
            throw new Error('get throws')
          },
          getOwnPropertyDescriptor: () => {
            throw new Error('descriptor throws')
          },
          has: () => {
            throw new Error('has throws')
          },
          getPrototypeOf: () => {
            throw new Error('getPrototypeOf throws')
          },
        },
      )
    case 'frozen-proxy': // a Proxy whose traps lie: keys listed, values throwing
      return new Proxy(
        { a: 1, b: 2 },
        {
          get: () => {
            throw new Error('get throws')
          },
        },
      )
    case 'object':
      return Object.fromEntries(d.entries.map(([key, value]) => [key, made(value)]))
    case 'array':
      return d.items.map(made)
  }
}

type Method = 'track' | 'page' | 'identify' | 'reset' | 'consent' | 'flush'
interface Call {
  method: Method
  args: Desc[]
}
const value = (v: unknown): Desc => ({ kind: 'value', value: v })
const typeName = fc.oneof(
  fc.constantFrom('chat_open', 'page_view', 'identify', 'custom_thing', 'a:b.c-d').map(value),
  fc.string({ unit: 'binary' }).map(value),
  desc,
)
const call: fc.Arbitrary<Call> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(typeName, desc)
      .map(([type, props]) => ({ method: 'track' as const, args: [type, props] })),
  },
  fc.array(desc, { maxLength: 2 }).map((args) => ({ method: 'page' as const, args })),
  fc
    .tuple(fc.oneof(fc.string().map(value), desc), desc)
    .map((args) => ({ method: 'identify' as const, args })),
  fc.constant<Call>({ method: 'reset', args: [] }),
  fc
    .oneof(fc.constantFrom('granted', 'denied').map(value), desc)
    .map((decision) => ({ method: 'consent' as const, args: [decision] })),
  fc.array(desc, { maxLength: 1 }).map((args) => ({ method: 'flush' as const, args })),
)

it('survives random call sequences with hostile values, and still delivers', async () => {
  const collectorUrl = inject('collectorUrl')
  let runs = 0
  let calls = 0
  let delivered = 0
  const thrown: string[] = []
  const codes = new Set<string>()
  row(
    'fuzz/public-api',
    'fast-check: random sequences of every public method, hostile values',
    () => ({
      sent: runs,
      expected: runs,
      delivered,
      duplicates: 0,
      lost: runs - delivered,
      note:
        `${runs} runs, ${calls} calls; ${thrown.length} threw; ${problems.length} window ` +
        `errors or unhandled rejections; onError codes: ${[...codes].sort().join(', ')}`,
    }),
  )

  await fc.assert(
    fc.asyncProperty(fc.array(call, { maxLength: 12 }), async (sequence) => {
      runs++
      const inbox = createInbox(collectorUrl)
      const tracker = createTracker({
        collector: inbox.url,
        consent: 'granted',
        queue: { name: inbox.name },
        batch: { intervalMs: 100 },
        onError: ({ code }) => codes.add(code),
      })
      const loose = tracker as unknown as Record<Method, (...args: unknown[]) => unknown>
      try {
        for (const { method, args } of sequence) {
          calls++
          try {
            const result = loose[method](...args.map(made))
            if (method === 'flush') {
              expect(await result).toEqual({
                sent: expect.any(Number),
                failed: expect.any(Number),
                pending: expect.any(Number),
              })
            }
          } catch (error) {
            thrown.push(`${method}: ${String(error)}`)
            throw error
          }
        }
        // Whatever came before, a granted tracker delivers a good touchpoint.
        tracker.consent('granted')
        const good = tracker.track('chat_open', { provider: 'fuzz-final', trigger: 'api' })
        expect(good).toEqual(expect.any(String))
        await tracker.flush()
        await expect
          .poll(async () => (await inbox.touchpoints()).map(({ id }) => id), {
            timeout: 10_000,
            interval: 20,
          })
          .toContain(good)
        delivered++
        expect(problems).toEqual([])
      } finally {
        await cleanUp(tracker, inbox.name)
      }
    }),
    { numRuns: 60, plugins: [fc.interruptAfterTimeLimit(45_000)] },
  )

  expect(runs).toBeGreaterThanOrEqual(20) // the time limit did not cut it to nothing
  expect(thrown).toEqual([])
  expect(problems).toEqual([])
}, 90_000)

// Each run has its own database and web-storage keys: leave none behind.
const cleanUp = async (tracker: Tracker, name: string) => {
  await tracker.shutdown()
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = request.onerror = request.onblocked = resolve
  })
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(name)) localStorage.removeItem(key)
  }
}

it('reads at most 1,000 items of a sparse array of ten million holes', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  let took = NaN
  let reads = 0
  let id: string | undefined
  row('fuzz/sparse-array', 'track() with props { list: new Array(1e7) } (a sparse array)', () => ({
    sent: 1,
    expected: 0,
    delivered: 0,
    duplicates: 0,
    lost: 0,
    note: `track() read ${reads} items in ${Math.round(took)} ms, returned ${
      id ? 'an id' : 'undefined'
    }`,
  }))
  const tracker = createTracker({
    collector: inbox.url,
    consent: 'granted',
    queue: { name: inbox.name },
  })
  try {
    // Counts the items read: the work, not the wall clock, is what must not grow with the length.
    const holes = new Proxy(new Array(10_000_000), {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++
        return Reflect.get(target, key, receiver)
      },
    })
    const track = tracker.track as (type: string, props: unknown) => string | undefined
    const started = performance.now()
    id = track('custom_sparse', { list: holes })
    took = performance.now() - started
    expect(id).toEqual(expect.any(String))
    expect(reads).toBeGreaterThan(0)
    expect(reads).toBeLessThanOrEqual(1_000)
    expect(problems).toEqual([])
  } finally {
    await cleanUp(tracker, inbox.name)
  }
})
