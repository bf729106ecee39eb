/**
 * Calls `found` now, then `everyMs` later and at intervals growing `growth` times until it returns
 * true or about `waitMs` have passed: a third-party script may load late, and must not keep a
 * timer forever. Returns cancel.
 */
export const poll = (
  found: () => boolean,
  waitMs = 30_000,
  everyMs = 250,
  growth = 2,
): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  let waited = 0
  const check = () => {
    if (found() || waited >= waitMs) return
    timer = setTimeout(check, everyMs)
    waited += everyMs
    everyMs *= growth
  }
  check()
  return () => clearTimeout(timer)
}
