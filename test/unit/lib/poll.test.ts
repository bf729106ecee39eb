import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { poll } from '../../../src/lib/poll'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

it('checks now, then after 250 ms and at doubling intervals until found', () => {
  const at: number[] = []
  const start = Date.now()
  let present = false
  poll(() => (at.push(Date.now() - start), present))
  vi.advanceTimersByTime(1_750)
  expect(at).toEqual([0, 250, 750, 1_750])
  present = true
  vi.advanceTimersByTime(2_000)
  expect(at).toEqual([0, 250, 750, 1_750, 3_750])
  expect(vi.getTimerCount()).toBe(0)
})

it('gives up once about waitMs have passed, and on cancel', () => {
  const found = vi.fn(() => false)
  poll(found, 1_000, 100, 1)
  vi.advanceTimersByTime(5_000)
  expect(found).toHaveBeenCalledTimes(11) // now, then every 100 ms up to 1 s
  expect(vi.getTimerCount()).toBe(0)
  poll(found)()
  expect(vi.getTimerCount()).toBe(0)
})
