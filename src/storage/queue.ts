import type { QueueRecord } from '../core/batch'
import type { Report } from '../lib/report'
import type { Backend } from './backend'
import { clearWithoutCreating, createIdbBackend } from './idb'
import { createMemoryBackend } from './memory'
import { createSpillBackend } from './spill'
import { createUnsaved } from './unsaved'

/** The durable queue the sender adds to and reads from: storage only. */
export interface Queue {
  /** Queues a record; writes are coalesced, at most one transaction per `WRITE_GAP_MS`. */
  add(record: QueueRecord): void
  /** The oldest `count` records not removed (this page's unwritten ones included). */
  read(count: number): Promise<QueueRecord[]>
  /** Deletes acknowledged or dropped records, in the next write; resolves once it is stored. */
  remove(ids: readonly string[]): Promise<void>
  /** Writes what is not yet stored at once, without waiting for earlier writes: the page is going away. */
  persistNow(): void
  /** Deletes everything: on denial. */
  purge(): Promise<void>
  /** How many records are queued, once what is pending is written. */
  size(): Promise<number>
}

/** A write starts at least this many ms after the last one finished: a burst costs one per gap. */
export const WRITE_GAP_MS = 50
/**
 * Most records put by one write: with their JSON, 200 puts made tasks of 50 ms and more in
 * Chromium on a 2-core machine; 100 keep each write well under that.
 */
export const PUTS_PER_WRITE = 100

/** A queue in IndexedDB database `name`, bounded to `max`; in memory where IndexedDB fails. */
export const createQueue = (name: string, max: number, report: Report): Queue => {
  let backend: Backend = createIdbBackend(name)
  let memoryBackend: Backend | undefined
  let opened = false
  let unwritten: QueueRecord[] = []
  let gone = new Set<string>() // removed here, not yet known to be deleted from storage
  let deletes: string[] = [] // of those, the ones no write has taken yet
  let started: QueueRecord[][] = [] // writes begun and not yet known to be stored
  let dropped = 0
  let due: Promise<void> | undefined
  let lastWrite = -Infinity
  let writing: Promise<void> = Promise.resolve()
  const unsaved = createUnsaved(`${name}:unsaved`)
  // What an earlier page left unsaved joins this page's first write, once consent lets us write.
  let leftOver: QueueRecord[] | undefined = unsaved.take()
  const adoptLeftOver = () => {
    if (!leftOver?.length) return
    unwritten.unshift(...leftOver)
    leftOver = undefined
    void later().then(() => opened && unsaved.clear())
  }

  const fallBack = (cause: unknown) => {
    const quota = (cause as Error | undefined)?.name === 'QuotaExceededError'
    report(
      quota ? 'storage_quota' : 'storage_unavailable',
      `IndexedDB ${quota ? 'is full' : 'will not open'}: touchpoints are kept in memory`,
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

  const countDrop = (count: number) => {
    if (!count) return
    dropped += count
    report('queue_overflow', `queue full (${max}): oldest dropped`, {
      dropped,
    })
  }

  const write = (unloading?: boolean): Promise<void> => {
    // Chromium aborts a transaction still running at unload: write those again (puts by id).
    const records = unloading
      ? [...started.flat(), ...unwritten.splice(0)]
      : unwritten.splice(0, PUTS_PER_WRITE)
    const ids = unloading ? [...gone] : deletes
    deletes = []
    if (!records.length && !ids.length) return writing
    started.push(records)
    const job = async () => {
      await use(async (b) => countDrop(await b.write(records, ids, max)))
      lastWrite = Date.now()
      started = started.filter((list) => list !== records)
      ids.forEach((id) => gone.delete(id))
    }
    // As the page goes away there is no later task to wait for: start the transaction now.
    // IndexedDB itself runs transactions on one store in the order they were created.
    const done = unloading ? Promise.all([writing, job()]) : writing.then(job)
    // Memory cannot fail to take records; this only keeps the chain alive.
    writing = done.then(
      () => {},
      (cause) => report('internal', 'queue write failed', cause),
    )
    if (unwritten.length) void later() // the rest of a big burst, one gap after this write
    return writing
  }

  // The next write: right after this task, and one gap after the last write finished. Timed from
  // the end, not the start: a write waiting behind a slow one (the first waits for the database
  // to open) would otherwise begin its transaction right after it.
  const later = (): Promise<void> =>
    (due ??= new Promise((resolve) => {
      const tick = () => {
        const wait = lastWrite + WRITE_GAP_MS - Date.now()
        if (wait > 0) return void setTimeout(tick, wait)
        due = undefined
        resolve(write())
      }
      void writing.then(() => setTimeout(tick))
    }))

  return {
    add: (record) => {
      adoptLeftOver()
      unwritten.push(record)
      void later()
    },
    read: async (count) => {
      adoptLeftOver()
      // This page's records are read from storage, once the write already due has stored them.
      if (unwritten.length) await later()
      await writing
      const stored = await use((b) => b.read(count + gone.size))
      return stored.filter((record) => !gone.has(record.id)).slice(0, count)
    },
    remove: (ids) => {
      ids.forEach((id) => gone.add(id))
      deletes.push(...ids)
      return later()
    },
    size: async () => {
      if (unwritten.length || deletes.length) await later()
      await writing
      return (await use((b) => b.size())) + unwritten.length
    },
    persistNow: () => {
      // The database never answered on this page: its writes may die with it, so keep a copy.
      const owed = opened ? [] : [...started.flat(), ...unwritten].filter((r) => !gone.has(r.id))
      if (owed.length) unsaved.keep(owed)
      // Only hidden after all (a tab switch): once stored, the copy must not come back later.
      void write(true).then(() => opened && unsaved.clear())
    },
    purge: async () => {
      // The write timer stays: it finds nothing to write, and whoever waits on it is answered.
      unwritten = []
      gone = new Set()
      deletes = []
      started = []
      leftOver = undefined
      unsaved.clear()
      await writing
      if (opened) return use((b) => b.clear())
      await memoryBackend?.clear()
      // Never opened here: what an earlier page stored goes, and no database is made for it.
      await clearWithoutCreating(name).catch(() => undefined)
    },
  }
}
