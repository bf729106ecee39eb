import { expect, it } from 'vitest'
import { backoffMs } from '../../../src/core/backoff'

const NOW = Date.parse('2026-01-01T00:00:00Z')

it.each([
  [1, 500, 1_000],
  [2, 1_000, 2_000],
  [40, 150_000, 300_000],
])('keeps attempt %i between %i and %i ms', (attempt, low, high) => {
  expect(backoffMs(attempt, null, NOW, () => 0)).toBe(low)
  expect(backoffMs(attempt, null, NOW, () => 1)).toBe(high)
})

it('waits what Retry-After asks, as seconds or a date, up to five minutes', () => {
  expect(backoffMs(1, '7', NOW)).toBe(7_000)
  expect(backoffMs(1, 'Thu, 01 Jan 2026 00:00:30 GMT', NOW)).toBe(30_000)
  expect(backoffMs(1, '86400', NOW)).toBe(300_000)
  expect(backoffMs(1, 'Thu, 01 Jan 2025 00:00:30 GMT', NOW)).toBe(0)
  expect(backoffMs(1, 'soon', NOW, () => 0)).toBe(500)
})
