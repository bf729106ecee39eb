import { quiet } from '../lib/guard'

const INTERVAL_MS = 100

/**
 * Calls `then` once `get()` returns a value, now or on a check every 100 ms, giving up after
 * `tries` checks (10 s by default): a CMP that never loads leaves the state pending, not a timer
 * running forever. Returns cancel.
 */
export const whenPresent = <T>(
  get: () => T | null | undefined,
  then: (value: T) => void,
  tries = 100,
): (() => void) => {
  let timer: ReturnType<typeof setInterval> | undefined
  // A half-loaded CMP may throw from its getter: it counts as not there yet. `then` may run in a
  // timer, where a throw would reach the page's onerror.
  const read = quiet(get)
  const use = quiet(then)
  const found = () => {
    const value = read()
    if (value == null) return false
    clearInterval(timer)
    use(value)
    return true
  }
  if (!found()) {
    timer = setInterval(() => {
      if (!found() && --tries <= 0) clearInterval(timer)
    }, INTERVAL_MS)
  }
  return () => clearInterval(timer)
}
