// The spill backend: once IndexedDB is full, new records go to memory while those already on
// disk are still read, acknowledged and removed there.
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, expect, it } from 'vitest'
import { createIdbBackend } from '../../../src/storage/idb'
import { createMemoryBackend } from '../../../src/storage/memory'
import { createSpillBackend } from '../../../src/storage/spill'

const record = (i: number) => ({ id: `0000-${String(i).padStart(6, '0')}`, json: `{"n":${i}}` })
const ids = (...numbers: number[]) => numbers.map((i) => record(i).id)

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

/** A disk that already holds 1, 3 and 5 (written before it filled up), and an empty memory. */
const setup = async () => {
  const disk = createIdbBackend('q')
  const memory = createMemoryBackend()
  await disk.write([record(1), record(3), record(5)], [])
  return { disk, memory, spill: createSpillBackend(disk, memory) }
}

it('writes new records to memory only, and counts both', async () => {
  const { disk, memory, spill } = await setup()
  await spill.write([record(2), record(4)], [])
  expect((await disk.read(10)).map((r) => r.id)).toEqual(ids(1, 3, 5))
  expect((await memory.read(10)).map((r) => r.id)).toEqual(ids(2, 4))
  expect(await spill.size()).toBe(5)
})

it('reads the oldest of disk and memory together, in id order', async () => {
  const { spill } = await setup()
  await spill.write([record(4), record(2)], [])
  expect((await spill.read(3)).map((r) => r.id)).toEqual(ids(1, 2, 3))
  expect((await spill.read(10)).map((r) => r.id)).toEqual(ids(1, 2, 3, 4, 5))
})

it('removes acknowledged records from disk and memory, and bounds memory', async () => {
  const { disk, memory, spill } = await setup()
  await spill.write([record(2), record(4)], [])
  // 1 (on disk) and 2 (in memory) acknowledged; 6, 7, 8 arrive with a bound of 2 in memory.
  expect(await spill.write([record(6), record(7), record(8)], ids(1, 2), 2)).toBe(2)
  expect((await disk.read(10)).map((r) => r.id)).toEqual(ids(3, 5))
  expect((await memory.read(10)).map((r) => r.id)).toEqual(ids(7, 8))
})

it('clears both', async () => {
  const { disk, memory, spill } = await setup()
  await spill.write([record(2)], [])
  await spill.clear()
  expect([await disk.size(), await memory.size(), await spill.size()]).toEqual([0, 0, 0])
})
