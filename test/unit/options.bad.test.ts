// @vitest-environment happy-dom
// Options of shapes no type allows, as script-tag sites and plain-JS apps do pass them.
import { expect, it } from 'vitest'
import { resolveOptions } from '../../src/options'
import { createTracker } from '../../src/tracker'
import type { StageRules } from '../../src/types'

it.each([
  undefined,
  null,
  42,
  'x',
  { collector: null },
  { collector: {} },
  { collector: 'https://c.example/t', batch: null, queue: null, capture: 'all', stages: {} },
  { collector: 'https://c.example/t', consent: 'maybe', batch: { maxEvents: -5, intervalMs: NaN } },
])('never throws from createTracker(%j), and the tracker it gives works', async (options) => {
  let tracker: ReturnType<typeof createTracker> | undefined
  expect(() => (tracker = createTracker(options as never))).not.toThrow()
  expect(() => tracker!.track('chat_open', { provider: 'x', trigger: 'api' })).not.toThrow()
  await expect(tracker!.shutdown()).resolves.toBeUndefined()
})

it('skips stage rules it cannot use, says so once, and keeps the others', () => {
  const told: string[] = []
  const resolved = resolveOptions(
    {
      collector: 'https://c.example/t',
      stages: [
        null,
        { type: 'page_view', path: 42, stage: 'advocacy' },
        { type: 'page_view', path: '/deal/*', stage: 'purchase' },
      ] as unknown as StageRules,
    },
    (code, message) => told.push(`${code}: ${message}`),
  )
  expect(resolved?.stages).toEqual([{ type: 'page_view', path: '/deal/*', stage: 'purchase' }])
  expect(told).toEqual(['config: stages: a rule of the wrong shape is skipped'])
})
