import { createStore, promisifyRequest } from 'idb-keyval'
import type { Backend } from './backend'

/** The queue in IndexedDB (database `name`, store `queue`): records keyed by their time-ordered id. */
export const createIdbBackend = (name: string): Backend => {
  const store = createStore(name, 'queue')
  const done = (request: IDBRequest | IDBTransaction) => promisifyRequest(request) as Promise<void>
  return {
    write: (records, max) =>
      store('readwrite', async (queue) => {
        for (const record of records) queue.put(record.json, record.id)
        if (max === undefined) {
          // Chromium aborts a transaction still open at unload; commit() sends it now.
          // https://developer.mozilla.org/docs/Web/API/IDBTransaction/commit
          queue.transaction.commit?.()
          await done(queue.transaction)
          return 0
        }
        // The bound is kept in the same transaction: one write transaction per coalesced burst.
        const excess = (await promisifyRequest(queue.count())) - max
        if (excess > 0) {
          const oldest = await promisifyRequest(queue.getAllKeys(null, excess))
          queue.delete(IDBKeyRange.upperBound(oldest[oldest.length - 1]))
        }
        await done(queue.transaction)
        return Math.max(0, excess)
      }),
    read: (count) =>
      store('readonly', async (queue) => {
        const [ids, values] = await Promise.all([
          promisifyRequest(queue.getAllKeys(null, count)),
          promisifyRequest(queue.getAll(null, count)),
        ])
        return ids.map((id, i) => ({ id: String(id), json: values[i] as string }))
      }),
    remove: (ids) =>
      store('readwrite', (queue) => {
        for (const id of ids) queue.delete(id)
        return done(queue.transaction)
      }),
    clear: () => store('readwrite', (queue) => done(queue.clear())),
    size: () => store('readonly', (queue) => promisifyRequest(queue.count())),
  }
}
