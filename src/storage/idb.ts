import { createStore, promisifyRequest } from 'idb-keyval'
import type { Backend } from './backend'

/** The queue in IndexedDB (database `name`, store `queue`): records keyed by their time-ordered id. */
export const createIdbBackend = (name: string): Backend => {
  const store = createStore(name, 'queue')
  // Every write commits as soon as its requests are made: Chromium aborts a transaction still
  // running when the page unloads, and one waiting on JavaScript would hold up the next.
  // https://developer.mozilla.org/docs/Web/API/IDBTransaction/commit
  const committed = (queue: IDBObjectStore) => {
    queue.transaction.commit?.()
    return promisifyRequest(queue.transaction) as Promise<void>
  }
  return {
    write: (records, gone, max = Infinity) =>
      store('readwrite', async (queue) => {
        for (const record of records) queue.put(record.json, record.id)
        for (const id of gone) queue.delete(id)
        const size = queue.count()
        await committed(queue)
        const excess = size.result - max
        if (excess > 0) {
          // Past the bound: one more transaction, only then, drops the oldest.
          await store('readwrite', async (queue) => {
            const oldest = await promisifyRequest(queue.getAllKeys(null, excess))
            queue.delete(IDBKeyRange.upperBound(oldest[oldest.length - 1]))
            await committed(queue)
          })
        }
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
    clear: () =>
      store('readwrite', (queue) => {
        queue.clear()
        return committed(queue)
      }),
    size: () => store('readonly', (queue) => promisifyRequest(queue.count())),
  }
}

/**
 * Empties database `name`'s queue without creating the database where there is none (a denial
 * must leave no trace): opening a missing database starts an upgrade, and aborting that upgrade
 * undoes the creation. No deleteDatabase(): an open connection in another tab would block it, and
 * every later open of the database would wait behind it.
 */
export const clearWithoutCreating = (name: string): Promise<void> =>
  new Promise((resolve) => {
    const request = indexedDB.open(name)
    request.onupgradeneeded = () => request.transaction?.abort()
    request.onerror = () => resolve() // aborted: it did not exist, nothing was stored
    request.onsuccess = () => {
      const db = request.result
      try {
        const queue = db.transaction('queue', 'readwrite').objectStore('queue')
        queue.clear()
        queue.transaction.oncomplete = queue.transaction.onabort = () => (db.close(), resolve())
      } catch {
        db.close() // a database of that name without our store: not ours to clear
        resolve()
      }
    }
  })
