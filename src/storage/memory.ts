import type { QueueRecord } from '../core/batch'
import type { Backend } from './backend'

/** The queue in memory: for pages where IndexedDB will not open; it lives as long as the page. */
export const createMemoryBackend = (): Backend => {
  let records: QueueRecord[] = []
  return {
    write: async (added, gone, max = Infinity) => {
      // Like IndexedDB's put: a record written again (as the page hides) replaces the first.
      const deleted = new Set(gone)
      const replaced = new Set(added.map((record) => record.id))
      records = records.filter((record) => !deleted.has(record.id) && !replaced.has(record.id))
      records.push(...added.filter((record) => !deleted.has(record.id)))
      // IndexedDB orders by id (time-ordered); keep the same order here.
      records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      return records.splice(0, Math.max(0, records.length - max)).length
    },
    read: async (count) => records.slice(0, count),
    clear: async () => void (records = []),
    size: async () => records.length,
  }
}
