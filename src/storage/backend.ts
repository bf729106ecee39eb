import type { QueueRecord } from '../core/batch'

/** Where queued records live: IndexedDB, or memory when it will not open. */
export interface Backend {
  /**
   * In one committed transaction: adds `records`, deletes the ids in `gone`, then the oldest past
   * `max`; returns how many of the oldest went. With `chunk`, puts that many per task.
   */
  write(
    records: readonly QueueRecord[],
    gone: readonly string[],
    max?: number,
    chunk?: number,
  ): Promise<number>
  /**
   * Aborts a write still putting its parts: the page is going away, and a transaction running
   * then is aborted anyway, taking down the writes queued behind it.
   */
  abandon?(): void
  /** The oldest `count` records. */
  read(count: number): Promise<QueueRecord[]>
  remove(ids: readonly string[]): Promise<void>
  clear(): Promise<void>
  /** How many records are queued. */
  size(): Promise<number>
}
