/** Wraps a handler given to a CMP or the page, so nothing it throws reaches them. */
export const quiet =
  <A extends unknown[]>(fn: (...args: A) => void) =>
  (...args: A): void => {
    // Empty catch: odd CMP data must break neither the CMP that called us nor the page.
    try {
      fn(...args)
    } catch {}
  }
