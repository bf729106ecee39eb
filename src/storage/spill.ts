import type { Backend } from './backend'

/**
 * When IndexedDB is full: new records go to memory, while those already on disk are still read,
 * sent and removed from there, so this page delivers them rather than the next.
 */
export const createSpillBackend = (disk: Backend, memory: Backend): Backend => ({
  write: async (records, gone, max) => {
    if (gone.length) await disk.write([], gone)
    return memory.write(records, gone, max)
  },
  read: async (count) => {
    const [stored, spilled] = await Promise.all([disk.read(count), memory.read(count)])
    return [...stored, ...spilled].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, count)
  },
  clear: async () => void (await Promise.all([disk.clear(), memory.clear()])),
  size: async () => (await disk.size()) + (await memory.size()),
})
