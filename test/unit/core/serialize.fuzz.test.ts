// Property-based tests of the pure core the fault-injection suite leans on: whatever a page
// passes, toJson writes JSON that parses and is valid UTF-8 on the wire; utf8Length counts what
// the browser will send.
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { utf8Length } from '../../../src/core/batch'
import { MAX_STRING, toJson } from '../../../src/core/serialize'

const encoder = new TextEncoder()
// A lone surrogate cannot be sent as UTF-8: the browser would turn it into U+FFFD.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary',
})

it('writes JSON that parses and holds no lone surrogate, for any value', () => {
  fc.assert(
    fc.property(anything, (value) => {
      const json = toJson(value)
      expect(() => JSON.parse(json)).not.toThrow()
      expect(json).not.toMatch(LONE_SURROGATE)
      expect(utf8Length(json)).toBe(encoder.encode(json).length)
    }),
    { numRuns: 500 },
  )
})

it('writes what JSON.stringify writes for plain JSON data within its limits', () => {
  const data = fc.jsonValue({ maxDepth: 6, stringUnit: 'grapheme' })
  fc.assert(
    fc.property(data, (value) => {
      fc.pre(!hasLongString(value))
      expect(JSON.parse(toJson(value))).toEqual(JSON.parse(JSON.stringify(value)))
    }),
    { numRuns: 300 },
  )
})

const hasLongString = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.length > MAX_STRING
    : typeof value === 'object' && value !== null && Object.values(value).some(hasLongString)

it('cuts every string to MAX_STRING, however it is nested', () => {
  const long = fc.string({ minLength: MAX_STRING + 1, maxLength: MAX_STRING * 3 })
  fc.assert(
    fc.property(long, fc.nat({ max: 6 }), (text, depth) => {
      let value: unknown = text
      for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { key: value }
      const found = JSON.stringify(JSON.parse(toJson(value))).match(/"([^"\\]|\\.)*"/g) ?? []
      for (const string of found) {
        expect((JSON.parse(string) as string).length).toBeLessThanOrEqual(MAX_STRING)
      }
    }),
    { numRuns: 100 },
  )
})
