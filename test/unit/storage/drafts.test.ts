import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { Draft } from '../../../src/core/touchpoint'
import type { Report } from '../../../src/lib/report'
import { BUILDS_PER_TASK, createDrafts } from '../../../src/storage/drafts'
import { draft } from '../../support/draft'

let built: string[]
let told: Parameters<Report>[]
const report: Report = (...args) => void told.push(args)
const build = (d: Draft) => void built.push(d.id)

beforeEach(() => {
  vi.useFakeTimers()
  built = []
  told = []
})
afterEach(() => vi.useRealTimers())

it('builds in a task after add(), not in it, in the order added', () => {
  const drafts = createDrafts(build, report)
  drafts.add(draft(1))
  drafts.add(draft(2))
  expect(built).toEqual([])
  vi.runOnlyPendingTimers()
  expect(built).toEqual(['d1', 'd2'])
})

it(`builds at most ${BUILDS_PER_TASK} a task, and goes on in the next task`, () => {
  const drafts = createDrafts(build, report)
  const count = BUILDS_PER_TASK * 2 + 50
  for (let n = 0; n < count; n++) drafts.add(draft(n))
  expect(vi.getTimerCount()).toBe(1) // one task scheduled for the burst, not one per draft
  const perTask: number[] = []
  while (vi.getTimerCount()) {
    const before = built.length
    vi.advanceTimersToNextTimer()
    perTask.push(built.length - before)
  }
  expect(perTask).toEqual([BUILDS_PER_TASK, BUILDS_PER_TASK, 50])
  expect(built).toEqual(Array.from({ length: count }, (_, n) => `d${n}`))
})

it('buildAll builds everything waiting now, and the task then finds nothing to do', () => {
  const drafts = createDrafts(build, report)
  for (let n = 0; n < BUILDS_PER_TASK + 1; n++) drafts.add(draft(n))
  drafts.buildAll()
  expect(built).toHaveLength(BUILDS_PER_TASK + 1)
  vi.runAllTimers()
  expect(built).toHaveLength(BUILDS_PER_TASK + 1)
})

it('drop forgets what waits; what is added later is built', () => {
  const drafts = createDrafts(build, report)
  drafts.add(draft(1))
  drafts.drop()
  vi.runAllTimers()
  expect(built).toEqual([])
  drafts.add(draft(2))
  vi.runAllTimers()
  expect(built).toEqual(['d2'])
})

it('reports a build that throws, and still builds the others', () => {
  const drafts = createDrafts((d) => {
    if (d.id === 'd1') throw new Error('bad draft')
    build(d)
  }, report)
  for (let n = 0; n < BUILDS_PER_TASK + 3; n++) drafts.add(draft(n))
  vi.runAllTimers()
  expect(told.map(([code, message]) => [code, message])).toEqual([['internal', 'build() failed']])
  expect(built).toHaveLength(BUILDS_PER_TASK + 2)
  drafts.add(draft(-1)) // and what comes later is built in a task of its own
  vi.runAllTimers()
  expect(built).toContain('d-1')
})
