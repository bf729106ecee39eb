// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { createQueue } from '../../../src/storage/queue'
import { createSender } from '../../../src/transport/sender'
import type { QueueRecord } from '../../../src/core/batch'
import type { Answer } from '../../../src/transport/http'
import type { TouchtrailError } from '../../../src/types'
import 'fake-indexeddb/auto'

// The sender's decisions over a scripted answer list; the real HTTP path is proven in the browser tests.
let bodies: { records: readonly QueueRecord[]; keepalive?: boolean }[] = []
let answers: Answer[] = []
let errors: TouchtrailError['code'][] = []
const post = async (records: readonly QueueRecord[], keepalive?: boolean) => {
  bodies.push({ records, keepalive })
  return answers.shift() ?? { status: 200, retryAfter: null }
}
const sent = () =>
  bodies.map(({ records }) => records.map((r) => (JSON.parse(r.json) as { n: number }).n))
const record = (n: number, pad = 0) => ({ id: `id-${n}`, json: `{"n":${n}${' '.repeat(pad)}}` })

const setup = (maxEvents = 50, name = crypto.randomUUID(), max = 1_000) => {
  const queue = createQueue(name, max, (code) => void errors.push(code))
  const sender = createSender({
    queue,
    post,
    maxEvents,
    maxBytes: 60_000,
    intervalMs: 5_000,
    name,
    max,
    report: (code) => void errors.push(code),
    canSend: () => true,
    log: () => {},
  })
  return { queue, sender }
}
// Records an earlier page left in the queue: this page does not owe them at page hide.
const leftOver = (maxEvents = 50) => {
  const made = setup(maxEvents)
  for (let n = 0; n < 5; n++) made.queue.add(record(n))
  return made
}

beforeEach(() => {
  bodies = []
  answers = []
  errors = []
})
afterEach(() => vi.useRealTimers())

it('sends batches of maxEvents and removes what was acknowledged', async () => {
  const { queue, sender } = leftOver(2)
  expect(await sender.flush()).toEqual({ sent: 5, failed: 0, pending: 0 })
  expect(sent()).toEqual([[0, 1], [2, 3], [4]])
  expect(await queue.size()).toBe(0)
})

it('halves a batch the collector found too large (413), and sends all of it', async () => {
  const { sender } = leftOver()
  answers = [
    { status: 413, retryAfter: null },
    { status: 413, retryAfter: null },
  ]
  expect(await sender.flush()).toEqual({ sent: 5, failed: 0, pending: 0 })
  expect(sent()).toEqual([[0, 1, 2, 3, 4], [0, 1, 2], [0, 1], [2, 3], [4]])
})

it('drops a batch the collector rejects (400) and tells onError', async () => {
  const { queue, sender } = leftOver()
  answers = [{ status: 400, retryAfter: null }]
  expect(await sender.flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
  expect(await queue.size()).toBe(0)
  expect(errors).toContain('batch_rejected')
})

it('keeps a failed batch, waits the backoff before trying again, then delivers the same ids', async () => {
  const { queue, sender } = leftOver()
  answers = [{ status: 503, retryAfter: '30' }]
  expect(await sender.flush()).toEqual({ sent: 0, failed: 5, pending: 0 })
  expect(await sender.flush()).toEqual({ sent: 0, failed: 0, pending: 5 }) // Retry-After wins
  expect(bodies).toHaveLength(1)
  expect(await queue.size()).toBe(5)
  sender.stop()
})

it('at page hide sends what this page added, with keepalive, and what it delivered it no longer owes', async () => {
  const { queue, sender } = leftOver()
  sender.add(record(5))
  sender.add(record(6))
  sender.sendOnHide()
  expect(sent()).toEqual([[5, 6]])
  expect(bodies[0].keepalive).toBe(true)
  // Acknowledged: removed from the queue, and not owed at the next page hide.
  await expect.poll(() => queue.size()).toBe(5)
  sender.sendOnHide()
  expect(bodies).toHaveLength(1)
  sender.stop()
})

it('keeps records sent at page hide in the queue until the collector acknowledges them', async () => {
  const { queue, sender } = setup()
  answers = [{ status: 0, retryAfter: null }]
  sender.add(record(1))
  sender.sendOnHide()
  expect(sent()).toEqual([[1]])
  expect(await queue.size()).toBe(1)
  sender.stop()
})

it('stops at 64 KB of keepalive bodies at page hide; the rest stays queued for the next load', async () => {
  const { queue, sender } = setup(10)
  for (let n = 0; n < 40; n++) sender.add(record(n, 4_000)) // about 4 KB each
  sender.sendOnHide()
  const bytes = bodies.flatMap(({ records }) => records).reduce((sum, r) => sum + r.json.length, 0)
  expect(bytes).toBeLessThanOrEqual(64_000)
  expect(bytes).toBeGreaterThan(40_000)
  await expect.poll(() => queue.size()).toBe(40 - bodies.flatMap(({ records }) => records).length)
  sender.stop()
})

it('does not send at page hide what another tab of the site delivered', async () => {
  const name = crypto.randomUUID()
  const here = setup(50, name)
  const other = setup(50, name)
  here.sender.add(record(1))
  here.sender.add(record(2))
  expect(await here.queue.size()).toBe(2) // written
  // The other tab reads the shared queue and delivers both; its broadcast reaches this tab.
  expect(await other.sender.flush()).toMatchObject({ sent: 2 })
  bodies = []
  await expect
    .poll(() => {
      here.sender.sendOnHide()
      return bodies.length
    })
    .toBe(0)
  here.sender.stop()
  other.sender.stop()
})

it('forgets what the page owes when the queue is purged', async () => {
  const { queue, sender } = setup()
  sender.add(record(1))
  await sender.purge()
  sender.sendOnHide()
  expect(bodies).toEqual([])
  expect(await queue.size()).toBe(0)
  sender.stop()
})
