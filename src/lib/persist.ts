/**
 * localStorage that never throws: it is missing, blocked or full in private modes and
 * sandboxed frames, and the SDK then keeps going in memory.
 */
export const persist = {
  get: (key: string): string | null => {
    try {
      return localStorage.getItem(key)
    } catch {
      return null
    }
  },
  set: (key: string, value: string): boolean => {
    try {
      localStorage.setItem(key, value)
      return true
    } catch {
      return false
    }
  },
  remove: (key: string): void => {
    try {
      localStorage.removeItem(key)
    } catch {} // Nothing was stored where storage cannot be reached.
  },
}
