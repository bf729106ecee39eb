// @vitest-environment happy-dom
// Options of shapes no type allows, as script-tag sites and plain-JS apps do pass them.
import { expect, it } from 'vitest'
import { createTracker } from '../../src/tracker'

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
