import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, expect, it, vi } from 'vitest'
import { createIdbBackend } from '../../../src/storage/idb'
import { createQueue, PUTS_PER_WRITE, WRITE_GAP_MS } from '../../../src/storage/queue'
import type { TouchtrailError } from '../../../src/types'

const record = (i: number) => ({ id: `0000-${String(i).padStart(6, '0')}`, json: `{"n":${i}}` })
let errors: TouchtrailError[] = []
const report = (code: TouchtrailError['code'], message: string, cause?: unknown) =>
  void errors.push({ code, message, cause })

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
  errors = []
})

const databases = () => indexedDB.databases().then((list) => list.map((db) => db.name))

it('keeps records in IndexedDB in id order, across queue instances (page loads)', async () => {
  const queue = createQueue('q1', 100, report)
  for (const i of [3, 1, 2]) queue.add(record(i))
  expect((await queue.read(10)).map((r) => r.json)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}'])
  const nextLoad = createQueue('q1', 100, report)
  expect(await nextLoad.size()).toBe(3)
  await nextLoad.remove([record(1).id])
  expect((await nextLoad.read(10)).map((r) => r.id)).toEqual([record(2).id, record(3).id])
})

/** When each readwrite transaction was started, until `stop()`. */
const watchWrites = () => {
  const original = IDBDatabase.prototype.transaction
  const at: number[] = []
  const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    if (args[1] === 'readwrite') at.push(Date.now())
    return original.apply(this, args)
  })
  return { at, stop: () => spy.mockRestore() }
}

it('writes a burst in a few transactions of at most PUTS_PER_WRITE records, one gap apart', async () => {
  const { at: writes, stop } = watchWrites()
  try {
    const queue = createQueue('q2', 10_000, report)
    for (let i = 0; i < 1_000; i++) queue.add(record(i))
    expect(await queue.size()).toBe(1_000)
    const parts = Math.ceil(1_000 / PUTS_PER_WRITE)
    // Each write waits a gap after the last one finished, however slow the machine: wait until
    // the database holds the whole burst; no write is owed after that, so none may follow.
    const stored = createIdbBackend('q2')
    await expect.poll(() => stored.size(), { timeout: 10_000, interval: 20 }).toBe(1_000)
    await queue.size()
    expect(writes).toHaveLength(parts)
    const gaps = writes.slice(1).map((at, i) => at - writes[i])
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(WRITE_GAP_MS)
    expect(await createQueue('q2', 10_000, report).size()).toBe(1_000)
  } finally {
    stop()
  }
})

it('deletes acknowledged records in the next write, one write transaction per gap', async () => {
  const queue = createQueue('q8', 10_000, report)
  for (let i = 0; i < 300; i++) queue.add(record(i))
  expect(await queue.size()).toBe(300)
  const { at: calls, stop } = watchWrites()
  try {
    // A send loop: read a batch, ack it, read the next, with new touchpoints arriving meanwhile.
    for (let batch = 0; batch < 6; batch++) {
      const records = await queue.read(50)
      expect(records.map((r) => r.id)).toEqual(
        Array.from({ length: 50 }, (_, i) => record(batch * 50 + i).id),
      )
      void queue.remove(records.map((r) => r.id)) // not awaited: the sender does not wait either
      queue.add(record(1_000 + batch))
    }
    expect(await queue.size()).toBe(6)
  } finally {
    stop()
  }
  // Each write begins a gap after the last one finished, so never two within a gap.
  expect(calls.length).toBeGreaterThan(0)
  const gaps = calls.slice(1).map((at, i) => at - calls[i])
  expect(Math.min(Infinity, ...gaps)).toBeGreaterThanOrEqual(WRITE_GAP_MS)
})

it('drops the oldest past the bound, counts them and reports once', async () => {
  const queue = createQueue('q3', 5, report)
  for (let i = 0; i < 8; i++) queue.add(record(i))
  expect((await queue.read(10)).map((r) => r.json)).toEqual(
    [3, 4, 5, 6, 7].map((n) => `{"n":${n}}`),
  )
  expect(errors).toEqual([
    expect.objectContaining({ code: 'queue_overflow', cause: { dropped: 3 } }),
  ])
})

it('purges stored records; a queue never used creates no database when purged', async () => {
  const used = createQueue('q5', 100, report)
  used.add(record(1))
  expect(await used.size()).toBe(1)
  await used.purge()
  expect(await used.size()).toBe(0)

  const unused = createQueue('never-opened', 100, report)
  await unused.purge()
  expect(await databases()).not.toContain('never-opened')
})

it('purges what an earlier page stored even from a queue that never opened it, with it still open', async () => {
  const earlier = createQueue('q7', 100, report)
  earlier.add(record(1))
  expect(await earlier.size()).toBe(1) // its connection stays open, as another tab's would
  await createQueue('q7', 100, report).purge()
  expect(await createQueue('q7', 100, report).size()).toBe(0)
})

it('falls back to memory when IndexedDB will not open, tells onError once, and keeps working', async () => {
  const open = vi.spyOn(indexedDB, 'open').mockImplementation(() => {
    throw new DOMException('blocked', 'SecurityError')
  })
  const queue = createQueue('q6', 100, report)
  queue.add(record(1))
  queue.add(record(2))
  expect((await queue.read(10)).map((r) => r.id)).toEqual([record(1).id, record(2).id])
  await queue.remove([record(1).id])
  expect(await queue.size()).toBe(1)
  expect(errors.map((e) => e.code)).toEqual(['storage_unavailable'])
  open.mockRestore()
})
