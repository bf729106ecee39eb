import { beforeEach, expect, it } from 'vitest'
import type { Report } from '../../src/lib/report'
import { resolveOptions } from '../../src/options'
import type { TrackerOptions } from '../../src/types'

// options.bad.test.ts proves createTracker survives odd shapes; this file checks what they become.
let told: Parameters<Report>[]
const report: Report = (...args) => void told.push(args)
const resolve = (options: Partial<TrackerOptions>) =>
  resolveOptions({ collector: 'https://c.example/t', ...options } as TrackerOptions, report)

beforeEach(() => {
  told = []
})

it('applies every default', () => {
  expect(resolve({})).toEqual({
    collector: { url: 'https://c.example/t' },
    consent: 'required',
    linkDomains: [],
    captures: [],
    stages: [],
    maxEvents: 50,
    maxBytes: 60_000,
    intervalMs: 5_000,
    queueMax: 10_000,
    name: 'touchtrail',
    debug: false,
  })
  expect(told).toEqual([])
})

it.each([
  [
    { maxEvents: 0, maxBytes: 10, intervalMs: -1 },
    { maxEvents: 1, maxBytes: 1_000, intervalMs: 0 },
  ],
  [
    { maxEvents: 1e9, maxBytes: 1e9, intervalMs: 1e9 },
    { maxEvents: 500, maxBytes: 1_000_000, intervalMs: 600_000 },
  ],
  [
    { maxEvents: NaN, maxBytes: '5' as never, intervalMs: null as never },
    { maxEvents: 50, maxBytes: 60_000, intervalMs: 5_000 },
  ],
])('clamps batch %j to %j', (batch, expected) => {
  expect(resolve({ batch })).toMatchObject(expected)
})

it('clamps the queue bound and takes its name only when it is a non-empty string', () => {
  expect(resolve({ queue: { maxEvents: 0, name: '' } })).toMatchObject({
    queueMax: 1,
    name: 'touchtrail',
  })
  expect(resolve({ queue: { maxEvents: 5e6, name: 'shop' } })).toMatchObject({
    queueMax: 1_000_000,
    name: 'shop',
  })
})

it('keeps only the captures that are functions, and stages given as a list', () => {
  const capture = () => () => {}
  const resolved = resolve({ capture: [capture, 'pageViews' as never, null as never] })!
  expect(resolved.captures).toEqual([capture])
  const rules = [{ type: 'x', stage: 'awareness' as const }]
  expect(resolve({ stages: rules })!.stages).toEqual(rules)
  expect(resolve({ stages: { type: 'x' } as never })!.stages).toEqual([])
})

it('takes consent granted or a source; anything else is required, and said so', () => {
  const source = () => () => {}
  expect(resolve({ consent: 'granted' })!.consent).toBe('granted')
  expect(resolve({ consent: source })!.consent).toBe(source)
  expect(told).toEqual([])
  expect(resolve({ consent: 'yes' as never })!.consent).toBe('required')
  expect(told.map(([code]) => code)).toEqual(['config'])
})

it('debugs only when debug is true', () => {
  expect(resolve({ debug: 'yes' as never })!.debug).toBe(false)
  expect(resolve({ debug: true })!.debug).toBe(true)
})

it.each([undefined, '', {}, { url: 3 }, 42])(
  'without a collector (%j): undefined, and a config report',
  (collector) => {
    expect(resolveOptions({ collector } as never, report)).toBeUndefined()
    expect(told).toEqual([['config', 'createTracker() needs a collector']])
  },
)
