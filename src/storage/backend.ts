import type { QueueRecord } from '../core/batch'

/** Where queued records live: IndexedDB, or memory when it will not open. */
export interface Backend {
  /**
   * In one committed transaction adds `records` and deletes `gone`; then drops the oldest past
   * `max` and returns how many it dropped.
   */
  write(records: readonly QueueRecord[], gone: readonly string[], max?: number): Promise<number>
  /** The oldest `count` records. */
  read(count: number): Promise<QueueRecord[]>
  clear(): Promise<void>
  /** How many records are queued. */
  size(): Promise<number>
}
