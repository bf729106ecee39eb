// The IndexedDB backend on its own, over fake-indexeddb: what one write commits, what the bound
// drops, and that a denial's clear leaves no database behind.
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, expect, it } from 'vitest'
import { clearWithoutCreating, createIdbBackend } from '../../../src/storage/idb'

const record = (i: number, json = `{"n":${i}}`) => ({
  id: `0000-${String(i).padStart(6, '0')}`,
  json,
})
const ids = (...numbers: number[]) => numbers.map((i) => record(i).id)

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

const databases = () => indexedDB.databases().then((list) => list.map((db) => db.name))

it('keeps records in id order, replaces one written again and reads the oldest first', async () => {
  const idb = createIdbBackend('q')
  expect(await idb.write([record(3), record(1), record(2)], [])).toBe(0)
  // The page hides while that write runs: the same record is written again.
  await idb.write([record(1, '{"again":1}')], [])
  expect(await idb.read(2)).toEqual([record(1, '{"again":1}'), record(2)])
  expect(await idb.size()).toBe(3)
  // What another page load of the same queue finds.
  expect(await createIdbBackend('q').read(10)).toEqual([
    record(1, '{"again":1}'),
    record(2),
    record(3),
  ])
})

it('deletes in the same write, then drops the oldest past the bound and says how many', async () => {
  const idb = createIdbBackend('q')
  await idb.write(
    [1, 2, 3, 4].map((i) => record(i)),
    [],
  )
  // 2 acknowledged; 6 acknowledged before it was ever stored: 1, 3, 4, 5 left, bound 3.
  expect(await idb.write([record(5), record(6)], ids(2, 6), 3)).toBe(1)
  expect((await idb.read(10)).map((r) => r.id)).toEqual(ids(3, 4, 5))
  expect(await idb.write([], [], 3)).toBe(0)
})

it('clears every record', async () => {
  const idb = createIdbBackend('q')
  await idb.write([record(1), record(2)], [])
  await idb.clear()
  expect(await idb.size()).toBe(0)
  expect(await idb.read(10)).toEqual([])
})

it('clears a stored queue without creating a database where there was none', async () => {
  await clearWithoutCreating('never')
  expect(await databases()).not.toContain('never')

  const idb = createIdbBackend('stored')
  await idb.write([record(1), record(2)], [])
  await clearWithoutCreating('stored')
  expect(await idb.size()).toBe(0)
})

it('settles, and leaves alone a database of that name that has no queue store', async () => {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open('theirs')
    request.onupgradeneeded = () => request.result.createObjectStore('other').put('kept', 'k')
    request.onsuccess = () => (request.result.close(), resolve())
    request.onerror = () => reject(request.error)
  })
  await clearWithoutCreating('theirs')
  expect(await databases()).toContain('theirs')
})
