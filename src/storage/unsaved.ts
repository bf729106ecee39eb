import type { QueueRecord } from '../core/batch'
import { toJson } from '../core/serialize'
import { persist } from '../lib/persist'

/**
 * Records a page could not put in IndexedDB because it went away before the database opened:
 * Chromium aborts an open still upgrading at unload, and every write waiting on it is lost. They
 * go to one localStorage key instead, written synchronously, until the next page stores them.
 */
export interface Unsaved {
  /** Keeps `records` for the next page (only while consent is granted: the queue has none else). */
  keep(records: QueueRecord[]): void
  /** What an earlier page kept; the key stays until `clear()`, after they are stored. */
  take(): QueueRecord[]
  clear(): void
}

export const createUnsaved = (key: string): Unsaved => ({
  keep: (records) => void persist.set(key, toJson(records.map(({ id, json }) => [id, json]))),
  take: () => {
    try {
      const kept = JSON.parse(persist.get(key) ?? '[]') as [string, string][]
      return kept.map(([id, json]) => ({ id, json }))
    } catch {
      return [] // Unreadable (a page's broken JSON.parse): nothing to add, nothing thrown.
    }
  },
  clear: () => persist.remove(key),
})
