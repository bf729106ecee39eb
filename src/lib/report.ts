import type { TouchtrailError } from '../types'

/** Reports a problem: `code`, a message for people, and the cause when there is one. */
export type Report = (code: TouchtrailError['code'], message: string, cause?: unknown) => void

/** Tells onError (and the console when debugging) about each distinct problem once. */
export const createReporter = (
  onError?: (error: TouchtrailError) => void,
  debug?: boolean,
): Report => {
  const told = new Set<string>()
  return (code, message, cause) => {
    if (told.has(code + message)) return
    told.add(code + message)
    if (debug) console.warn(`[touchtrail] ${code}: ${message}`, cause ?? '')
    // Empty catch: the site's handler threw; reporting that would loop, rethrowing breaks the page.
    try {
      onError?.({ code, message, cause })
    } catch {}
  }
}
