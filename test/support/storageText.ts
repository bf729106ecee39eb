// Everything this origin keeps on the device, as text a test can search for ids and markers:
// every IndexedDB database and record, localStorage, sessionStorage and cookies.

/** One IndexedDB database: its name and every key and value of every store, as text. */
export interface DatabaseDump {
  name: string
  records: string[]
}

const asText = (value: unknown) => {
  try {
    return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? ''
  } catch {
    return String(value) // Circular or otherwise unserializable: still searchable as a string.
  }
}

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })

// Opening by name without a version never upgrades an existing database; if the database was
// deleted after databases() listed it, the open would create it: abort that upgrade instead.
const openExisting = (name: string) =>
  new Promise<IDBDatabase | undefined>((resolve, reject) => {
    const open = indexedDB.open(name)
    let created = false
    open.onupgradeneeded = () => {
      created = true
      open.transaction?.abort()
    }
    open.onsuccess = () => resolve(open.result)
    open.onerror = (event) => {
      event.preventDefault()
      if (created) resolve(undefined)
      else reject(open.error)
    }
  })

/** Every record of every IndexedDB database of this origin. */
export const dumpIndexedDb = async (): Promise<DatabaseDump[]> => {
  const dumps: DatabaseDump[] = []
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue
    const db = await openExisting(name)
    if (!db) continue
    // Never hold up the SDK deleting or upgrading its database while we read.
    db.onversionchange = () => db.close()
    const records: string[] = []
    try {
      for (const storeName of Array.from(db.objectStoreNames)) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName)
        const [keys, values] = await Promise.all([
          request(store.getAllKeys()),
          request(store.getAll()),
        ])
        keys.forEach((key, i) => records.push(`${asText(key)} ${asText(values[i])}`))
      }
    } catch {
      // The database closed under us (versionchange): what it held is going away anyway.
    } finally {
      db.close()
    }
    dumps.push({ name, records })
  }
  return dumps
}

const webStorageText = (storage: Storage) =>
  Array.from({ length: storage.length }, (_, i) => {
    const key = storage.key(i) ?? ''
    return `${key}=${storage.getItem(key) ?? ''}`
  })

/** IndexedDB, web storage and cookies of this origin, one entry per line. */
export const storageText = async () => {
  const databases = await dumpIndexedDb()
  return [
    ...databases.flatMap((db) => [`idb ${db.name}`, ...db.records]),
    ...webStorageText(localStorage).map((line) => `localStorage ${line}`),
    ...webStorageText(sessionStorage).map((line) => `sessionStorage ${line}`),
    `cookie ${document.cookie}`,
  ].join('\n')
}

/** Names of this origin's IndexedDB databases. */
export const databaseNames = async () => (await indexedDB.databases()).map((db) => db.name ?? '')
