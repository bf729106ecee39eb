import { expect, it } from 'vitest'
import { guard, quiet } from '../../../src/lib/guard'
import type { Report } from '../../../src/lib/report'

const recorder = () => {
  const told: Parameters<Report>[] = []
  const report: Report = (...args) => void told.push(args)
  return { told, report }
}
const boom = new Error('boom')

it('passes up to three arguments through and returns what the function returns', () => {
  const { told, report } = recorder()
  const add = guard(report, 'add', (a: number, b: number, c: number) => a + b + c)
  expect(add(1, 2, 3)).toBe(6)
  expect(told).toEqual([])
})

it('reports what the function throws as internal, with its name and cause, and returns undefined', () => {
  const { told, report } = recorder()
  const track = guard(report, 'track', (): string => {
    throw boom
  })
  expect(track()).toBeUndefined()
  expect(told).toEqual([['internal', 'track() failed', boom]])
})

it('quiet drops what a vendor callback throws without reporting it', () => {
  const { told, report } = recorder()
  const reported = guard(report, 'x', () => 1)
  const callback = quiet((state: string): string => {
    if (state === 'odd') throw boom
    return state.toUpperCase()
  })
  expect(callback('granted')).toBe('GRANTED')
  expect(callback('odd')).toBeUndefined()
  expect(reported()).toBe(1)
  expect(told).toEqual([])
})
