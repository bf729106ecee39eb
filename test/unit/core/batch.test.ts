import { describe, expect, it } from 'vitest'
import { bodyOf, ENVELOPE_BYTES, takeBatch, utf8Length } from '../../../src/core/batch'

const record = (id: string, size: number) => ({ id, json: `"${'x'.repeat(size - 2)}"` })

describe('takeBatch', () => {
  const records = Array.from({ length: 10 }, (_, i) => record(String(i), 100))
  it('takes the oldest up to maxEvents', () => {
    expect(takeBatch(records, 3, 60_000).map((r) => r.id)).toEqual(['0', '1', '2'])
  })
  it('stops before the body would pass maxBytes', () => {
    const batch = takeBatch(records, 50, ENVELOPE_BYTES + 101 * 4)
    expect(batch).toHaveLength(4)
  })
  it('always takes one, even one too large, so the collector can answer 413 for it', () => {
    expect(takeBatch([record('big', 5_000)], 50, 1_000)).toHaveLength(1)
  })
  it('takes nothing from nothing', () => {
    expect(takeBatch([], 50, 60_000)).toEqual([])
  })
})

it('writes the SPEC body around the queued JSON, which parses back', () => {
  const body = bodyOf(
    [
      { id: 'a', json: '{"id":"a"}' },
      { id: 'b', json: '{"id":"b"}' },
    ],
    '2026-01-01T00:00:00.000Z',
    '1.2.3',
  )
  expect(JSON.parse(body)).toEqual({
    sentAt: '2026-01-01T00:00:00.000Z',
    sdk: { name: 'touchtrail', version: '1.2.3' },
    batch: [{ id: 'a' }, { id: 'b' }],
  })
  expect(utf8Length(body)).toBeLessThan(ENVELOPE_BYTES + 22)
})

it.each(['plain', 'héllo', 'đường', '😀 emoji', 'mixed ✓ 😀 ascii'])(
  'counts UTF-8 bytes of %s',
  (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
  },
)
