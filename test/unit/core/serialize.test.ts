import { afterEach, expect, it, vi } from 'vitest'
import { MAX_ITEMS, MAX_STRING, rawJson, toJson } from '../../../src/core/serialize'

it.each([
  [{ a: 1, b: 'x', c: true, d: null, e: [1, 'two'] }],
  ['quote " backslash \\ newline \n tab \t control \u0001 and 😀'],
  [{ nested: { deeper: { list: [{ x: 1.5 }, -0.25, 1e21] } } }],
  [[]],
  [{}],
])('writes what JSON.stringify writes for plain data: %j', (value) => {
  expect(JSON.parse(toJson(value))).toEqual(JSON.parse(JSON.stringify(value)))
})

it('turns what JSON cannot hold into safe values instead of throwing', () => {
  const circular: Record<string, unknown> = { name: 'loop' }
  circular.self = circular
  const value = {
    circular,
    big: 10n ** 30n,
    fn: () => 1,
    sym: Symbol('s'),
    undef: undefined,
    nan: Number.NaN,
    inf: Number.POSITIVE_INFINITY,
    date: new Date('2026-01-02T03:04:05.000Z'),
    list: [undefined, () => 1],
  }
  expect(JSON.parse(toJson(value))).toEqual({
    circular: { name: 'loop', self: '[Circular]' },
    big: '1000000000000000000000000000000',
    nan: null,
    inf: null,
    date: '2026-01-02T03:04:05.000Z',
    list: [null, null],
  })
})

it('cuts long strings and deep nesting', () => {
  const parsed = JSON.parse(toJson({ s: 'x'.repeat(1_000_000) })) as { s: string }
  expect(parsed.s).toHaveLength(MAX_STRING)
  expect(parsed.s.endsWith('…')).toBe(true)
  let deep: unknown = 'bottom'
  for (let i = 0; i < 50; i++) deep = { deep }
  expect(toJson(deep)).toContain('"[Too deep]"')
})

it('escapes lone surrogates so the body stays valid UTF-8', () => {
  const json = toJson({ s: 'a\ud800b' })
  expect(json).toBe('{"s":"a\\ud800b"}')
  expect(JSON.parse(json)).toEqual({ s: 'a\ud800b' })
})

it('places raw JSON as it is', () => {
  expect(toJson({ props: rawJson('{"a":1}') })).toBe('{"props":{"a":1}}')
})

const realStringify = JSON.stringify
afterEach(() => {
  JSON.stringify = realStringify
  delete (Array.prototype as { toJSON?: unknown }).toJSON
})

it('does not depend on JSON.stringify or Array.prototype.toJSON, which old pages replace', () => {
  JSON.stringify = () => 'broken'
  ;(Array.prototype as { toJSON?: () => string }).toJSON = function () {
    return 'prototype.js was here'
  }
  expect(toJson({ fields: ['email', 'name'] })).toBe('{"fields":["email","name"]}')
})

// A flat plain object goes to the built-in (fast in a cold burst); a null-prototype copy of it
// cannot, so it takes the hand-written path: both must say the same.
it.each([
  [{ a: 1, b: 'x', c: true, d: null, e: -0, f: Number.NaN, g: undefined, h: 1e21 }],
  [{ s: 'quote " backslash \\ newline \n control \u0001 \b \f \u2028 lone \ud800 pair 😀 é' }],
  [{ 'key "quoted"\n': 'v', '1': 'integer keys first', sym: Symbol('s') }],
])('writes a flat object the same whichever path takes it: %j', (value) => {
  const slow = Object.assign(Object.create(null) as object, value)
  expect(JSON.parse(toJson(value))).toEqual(JSON.parse(toJson(slow)))
  expect(Object.keys(JSON.parse(toJson(value)) as object)).toEqual(
    Object.keys(JSON.parse(toJson(slow)) as object),
  )
})

it('does not use a JSON.stringify the page replaced before it loaded', async () => {
  vi.resetModules()
  JSON.stringify = () => '{"forged":true}'
  const { toJson: fresh } = await import('../../../src/core/serialize')
  expect(fresh({ a: 1, b: 'x' })).toBe('{"a":1,"b":"x"}')
})

it('leaves a flat object to its own writer when a toJSON is in reach', () => {
  const proto = Object.prototype as { toJSON?: () => string }
  proto.toJSON = () => 'patched'
  try {
    expect(toJson({ a: 1 })).toBe('{"a":1}')
  } finally {
    delete proto.toJSON
  }
  expect(toJson({ a: 1, toJSON: () => 'own' })).toBe('{"a":1}')
})

it('keeps at most MAX_ITEMS items or fields, so a huge sparse array costs nothing', () => {
  const parsed = JSON.parse(
    toJson({
      list: new Array(1e7),
      wide: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])),
    }),
  ) as { list: unknown[]; wide: object }
  expect(parsed.list).toHaveLength(MAX_ITEMS)
  expect(Object.keys(parsed.wide)).toHaveLength(MAX_ITEMS)
})
