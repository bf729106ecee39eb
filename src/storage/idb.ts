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
  // A write still putting its parts, and those given up because the page went away.
  let putting: IDBTransaction | undefined
  const abandoned = new WeakSet<IDBTransaction>()
  return {
    write: (records, gone, max = Infinity, chunk = Infinity) =>
      store('readwrite', async (queue) => {
        const transaction = queue.transaction
        // A big burst is put `chunk` records per task, each part from the last one's success
        // callback, where the transaction is still active: one transaction, no long task.
        const size = await new Promise<{ result: number }>((resolve, reject) => {
          let next = 0
          const part = () => {
            try {
              let last: IDBRequest | undefined
              for (const record of records.slice(next, (next += chunk))) {
                last = queue.put(record.json, record.id)
              }
              if (last && next < records.length) {
                putting = transaction
                last.onsuccess = part
                last.onerror = () => reject(last?.error)
                return
              }
              putting = undefined
              for (const id of gone) queue.delete(id)
              resolve(queue.count())
              transaction.commit?.()
            } catch (cause) {
              reject(cause) // e.g. the transaction is no longer active: nothing half-written stays
              try {
                transaction.abort()
              } catch {}
            }
          }
          part()
        }).catch((cause) => {
          if (abandoned.has(transaction)) return { result: 0 } // the unload write has its records
          throw cause
        })
        if (abandoned.has(transaction)) return 0
        await promisifyRequest(transaction)
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
    abandon: () => {
      if (!putting) return
      abandoned.add(putting)
      try {
        putting.abort()
      } catch {}
      putting = undefined
    },
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
        return committed(queue)
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
