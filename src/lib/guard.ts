import type { Report } from './report'

type Fn<P extends unknown[], R> = (...args: P) => R
// At most three arguments are passed on: no public method or callback of ours takes more.
type Three<R> = (a?: unknown, b?: unknown, c?: unknown) => R

/**
 * Wraps `fn` so that nothing it throws reaches the caller, the host page: it is reported as
 * `internal` instead. Fixed arity, no rest or spread: `track` goes through here, and a page's
 * burst of calls must not pay for an arguments array per call.
 */
export const guard = <P extends unknown[], R>(
  report: Report,
  name: string,
  fn: Fn<P, R>,
): Fn<P, R | undefined> => {
  const call = fn as unknown as Three<R>
  const guarded: Three<R | undefined> = (a, b, c) => {
    try {
      return call(a, b, c)
    } catch (cause) {
      report('internal', `${name}() failed`, cause)
    }
  }
  return guarded as unknown as Fn<P, R | undefined>
}

/**
 * Wraps a callback handed to a vendor (a CMP, a chat widget) or run from a timer: what it throws
 * is dropped, since reporting could loop and rethrowing would break the vendor or the page.
 */
export const quiet =
  <P extends unknown[], R>(fn: Fn<P, R>): Fn<P, R | undefined> =>
  (...args) => {
    // Empty catch: see above; odd vendor data leaves the state where it was.
    try {
      return fn(...args)
    } catch {}
  }
