// Property-based tests of batching: whatever the queue holds, takeBatch keeps its bounds and
// bodyOf writes a body of exactly the batch it took.
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { bodyOf, ENVELOPE_BYTES, takeBatch, utf8Length } from '../../../src/core/batch'
import { toJson } from '../../../src/core/serialize'

const encoder = new TextEncoder()

const records = fc.array(
  fc.record({
    id: fc.uuid(),
    json: fc.string({ unit: 'binary', maxLength: 3_000 }).map(toJson),
  }),
  { maxLength: 120 },
)

it('takes a prefix of the queue within maxEvents and maxBytes, and never nothing', () => {
  fc.assert(
    fc.property(
      records,
      fc.integer({ min: 1, max: 500 }),
      fc.integer({ min: 1_000, max: 70_000 }),
      (queue, maxEvents, maxBytes) => {
        const batch = takeBatch(queue, maxEvents, maxBytes)
        expect(batch).toEqual(queue.slice(0, batch.length))
        expect(batch.length).toBeLessThanOrEqual(maxEvents)
        if (queue.length) expect(batch.length).toBeGreaterThanOrEqual(1)
        const body = bodyOf(batch, new Date(0).toISOString(), '1.2.3')
        // One record alone may pass maxBytes: the collector's 413 is how the SDK learns of it.
        if (batch.length > 1) expect(encoder.encode(body).length).toBeLessThanOrEqual(maxBytes)
        expect(encoder.encode(body).length).toBeLessThanOrEqual(
          ENVELOPE_BYTES + batch.reduce((sum, r) => sum + utf8Length(r.json) + 1, 0),
        )
        expect((JSON.parse(body) as { batch: unknown[] }).batch).toHaveLength(batch.length)
      },
    ),
    { numRuns: 300 },
  )
})
