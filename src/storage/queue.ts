import type { QueueRecord } from '../core/batch'
import type { Report } from '../lib/report'
import type { Backend } from './backend'
import { clearWithoutCreating, createIdbBackend } from './idb'
import { createMemoryBackend } from './memory'
import { createSpillBackend } from './spill'

/** The durable queue the tracker adds to and the sender reads from. */
export interface Queue {
  /** Queues a record; writes are coalesced into one transaction per `WRITE_DELAY_MS`. */
  add(record: QueueRecord): void
  /** The oldest `count` records (this page's unwritten ones included). */
  read(count: number): Promise<QueueRecord[]>
  /** Deletes acknowledged or dropped records. */
  remove(ids: readonly string[]): Promise<void>
  /** This page's records not yet removed: what can still be sent as the page goes away. */
  recent(): QueueRecord[]
  /** Writes what is not yet stored at once, without waiting for earlier writes: the page is going away. */
  persistNow(): void
  /** Deletes everything: on denial. */
  purge(): Promise<void>
  /** How many records are queued. */
  size(): Promise<number>
}

/** A burst of touchpoints costs one write transaction per this many ms. */
export const WRITE_DELAY_MS = 40

/** A queue in IndexedDB database `name`, bounded to `max`; in memory where IndexedDB fails. */
export const createQueue = (name: string, max: number, report: Report): Queue => {
  let backend: Backend = createIdbBackend(name)
  let memoryBackend: Backend | undefined
  let opened = false
  let unwritten: QueueRecord[] = []
  let started: QueueRecord[][] = [] // writes begun and not yet known to be stored
  let recent: QueueRecord[] = []
  let dropped = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let writing: Promise<void> = Promise.resolve()

  const fallBack = (cause: unknown) => {
    const quota = (cause as Error | undefined)?.name === 'QuotaExceededError'
    report(
      quota ? 'storage_quota' : 'storage_unavailable',
      quota
        ? 'IndexedDB is full: new touchpoints are kept in memory for this page'
        : 'IndexedDB cannot be opened: touchpoints are kept in memory for this page',
      cause,
    )
    memoryBackend ??= createMemoryBackend()
    backend = quota ? createSpillBackend(backend, memoryBackend) : memoryBackend
  }

  // Every backend call goes through here: a failure moves the queue to memory and tries once more.
  const use = async <T>(job: (backend: Backend) => Promise<T>): Promise<T> => {
    try {
      const result = await job(backend)
      opened = true
      return result
    } catch (cause) {
      if (backend === memoryBackend) throw cause
      fallBack(cause)
      return job(backend)
    }
  }

  // What any tab of the site delivered: a closing tab must not send it again from `recent`.
  const forget = (ids: readonly string[]) => {
    const gone = new Set(ids)
    recent = recent.filter((record) => !gone.has(record.id))
  }
  const sent =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${name}:sent`) : undefined
  if (sent) sent.onmessage = (event: MessageEvent<string[]>) => forget(event.data)

  const countDrop = (count: number) => {
    if (!count) return
    dropped += count
    report('queue_overflow', `queue is full (${max}): the oldest touchpoints are dropped`, {
      dropped,
    })
  }

  const write = (unloading?: boolean): Promise<void> => {
    clearTimeout(timer)
    timer = undefined
    // Chromium aborts a transaction still running at unload: write those again (puts by id).
    const records = unloading ? [...started.flat(), ...unwritten] : unwritten
    unwritten = []
    if (!records.length) return writing
    started.push(records)
    const job = async () => {
      await use(async (b) => countDrop(await b.write(records, max)))
      started = started.filter((list) => list !== records)
    }
    // As the page goes away there is no later task to wait for: start the transaction now.
    // IndexedDB itself runs transactions on one store in the order they were created.
    const done = unloading ? Promise.all([writing, job()]) : writing.then(job)
    // Memory cannot fail to take records; this only keeps the chain alive.
    writing = done.then(
      () => {},
      (cause) => report('internal', 'queue write failed', cause),
    )
    return writing
  }

  return {
    add: (record) => {
      unwritten.push(record)
      recent.push(record)
      if (recent.length > max) recent.splice(0, recent.length - max)
      timer ??= setTimeout(write, WRITE_DELAY_MS)
    },
    read: async (count) => {
      await write()
      return use((b) => b.read(count))
    },
    remove: async (ids) => {
      forget(ids)
      sent?.postMessage(ids)
      await writing
      await use((b) => b.remove(ids))
    },
    recent: () => recent,
    size: async () => {
      await write()
      return use((b) => b.size())
    },
    persistNow: () => void write(true),
    purge: async () => {
      clearTimeout(timer)
      timer = undefined
      unwritten = []
      started = []
      recent = []
      await writing
      if (opened) return use((b) => b.clear())
      await memoryBackend?.clear()
      // Never opened here: what an earlier page stored goes, and no database is made for it.
      await clearWithoutCreating(name).catch(() => undefined)
    },
  }
}
