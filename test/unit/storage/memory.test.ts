import { expect, it } from 'vitest'
import { createMemoryBackend } from '../../../src/storage/memory'

const record = (i: number, json = `{"n":${i}}`) => ({
  id: `0000-${String(i).padStart(6, '0')}`,
  json,
})

it('replaces a record written again, as IndexedDB put does, and keeps id order', async () => {
  const memory = createMemoryBackend()
  await memory.write([record(2), record(1)], [])
  // The page hides while that write is running: the same records are written again.
  await memory.write([record(1, '{"again":1}'), record(3)], [])
  expect(await memory.read(10)).toEqual([record(1, '{"again":1}'), record(2), record(3)])
  expect(await memory.size()).toBe(3)
})

it('deletes in the same write, then drops the oldest past the bound', async () => {
  const memory = createMemoryBackend()
  await memory.write(
    [1, 2, 3, 4].map((i) => record(i)),
    [],
  )
  // 2 acknowledged, 6 acknowledged before it was ever stored: 1, 3, 4, 5 left, bound 3.
  expect(await memory.write([record(5), record(6)], [record(2).id, record(6).id], 3)).toBe(1)
  expect((await memory.read(10)).map((r) => r.id)).toEqual([3, 4, 5].map((i) => record(i).id))
})
