// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { createQueue } from '../../../src/storage/queue'
import { createSender } from '../../../src/transport/sender'
import type { Answer } from '../../../src/transport/http'
import type { TouchtrailError } from '../../../src/types'
import 'fake-indexeddb/auto'

// The sender's decisions over a scripted answer list; the real HTTP path is proven in the browser tests.
let bodies: string[] = []
let answers: Answer[] = []
let errors: TouchtrailError['code'][] = []
const post = async (body: string) => {
  bodies.push(body)
  return answers.shift() ?? { status: 200, retryAfter: null }
}
const sent = () =>
  bodies.map((body) => (JSON.parse(body) as { batch: { n: number }[] }).batch.map((t) => t.n))

const setup = (maxEvents = 50) => {
  const queue = createQueue(crypto.randomUUID(), 1_000, (code) => void errors.push(code))
  const sender = createSender({
    queue,
    post,
    maxEvents,
    maxBytes: 60_000,
    intervalMs: 5_000,
    lockName: crypto.randomUUID(),
    version: 't',
    report: (code) => void errors.push(code),
    canSend: () => true,
    log: () => {},
  })
  for (let n = 0; n < 5; n++) queue.add({ id: `id-${n}`, json: `{"n":${n}}` })
  return { queue, sender }
}

beforeEach(() => {
  bodies = []
  answers = []
  errors = []
})
afterEach(() => vi.useRealTimers())

it('sends batches of maxEvents and removes what was acknowledged', async () => {
  const { queue, sender } = setup(2)
  expect(await sender.flush()).toEqual({ sent: 5, failed: 0, pending: 0 })
  expect(sent()).toEqual([[0, 1], [2, 3], [4]])
  expect(await queue.size()).toBe(0)
})

it('halves a batch the collector found too large (413), and sends all of it', async () => {
  const { sender } = setup()
  answers = [
    { status: 413, retryAfter: null },
    { status: 413, retryAfter: null },
  ]
  expect(await sender.flush()).toEqual({ sent: 5, failed: 0, pending: 0 })
  expect(sent()).toEqual([[0, 1, 2, 3, 4], [0, 1, 2], [0, 1], [2, 3], [4]])
})

it('drops a batch the collector rejects (400) and tells onError', async () => {
  const { queue, sender } = setup()
  answers = [{ status: 400, retryAfter: null }]
  expect(await sender.flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
  expect(await queue.size()).toBe(0)
  expect(errors).toContain('batch_rejected')
})

it('keeps a failed batch, waits the backoff before trying again, then delivers the same ids', async () => {
  const { queue, sender } = setup()
  answers = [{ status: 503, retryAfter: '30' }]
  expect(await sender.flush()).toEqual({ sent: 0, failed: 5, pending: 0 })
  expect(await sender.flush()).toEqual({ sent: 0, failed: 0, pending: 5 }) // Retry-After wins
  expect(bodies).toHaveLength(1)
  expect(await queue.size()).toBe(5)
  sender.stop()
})
