import { poll } from '../lib/poll'
import { quiet } from '../lib/guard'

/**
 * Calls `then` once `get()` returns a value, now or on a check every 100 ms, giving up after
 * `waitMs` (10 s by default): a CMP that never loads leaves the state pending, not a timer
 * running forever. Returns cancel.
 */
export const whenPresent = <T>(
  get: () => T | null | undefined,
  then: (value: T) => void,
  waitMs = 10_000,
): (() => void) => {
  // A half-loaded CMP may throw from its getter: it counts as not there yet. `then` may run in a
  // timer, where a throw would reach the page's onerror.
  const read = quiet(get)
  const use = quiet(then)
  return poll(
    () => {
      const value = read()
      return value != null && (use(value), true)
    },
    waitMs,
    100,
    1,
  )
}
