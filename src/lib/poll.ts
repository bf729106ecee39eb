/**
 * Calls `found` now, then 250 ms later and at doubling intervals until it returns true or about
 * `waitMs` have passed: a third-party script may load late, and must not keep a timer forever.
 * Returns cancel.
 */
export const poll = (found: () => boolean, waitMs = 30_000): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  let delay = 250
  const check = () => {
    // Doubling from 250 ms: delay − 250 ms have passed since the first check.
    if (!found() && delay - 250 < waitMs) timer = setTimeout(check, (delay *= 2) / 2)
  }
  check()
  return () => clearTimeout(timer)
}
