import type { Report } from './report'

/** Wraps `fn` so that nothing it throws reaches the caller: the host page. */
export const guard =
  <A extends unknown[], R>(report: Report, name: string, fn: (...args: A) => R) =>
  (...args: A): R | undefined => {
    try {
      return fn(...args)
    } catch (cause) {
      report('internal', `${name}() failed`, cause)
    }
  }
