import type { QueueRecord } from '../core/batch'

/** Where queued records live: IndexedDB, or memory when it will not open. */
export interface Backend {
  /** Adds records in a committed transaction, then deletes the oldest past `max`; returns how many. */
  write(records: readonly QueueRecord[], max?: number): Promise<number>
  /** The oldest `count` records. */
  read(count: number): Promise<QueueRecord[]>
  remove(ids: readonly string[]): Promise<void>
  clear(): Promise<void>
  /** How many records are queued. */
  size(): Promise<number>
}
