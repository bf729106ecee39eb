import type { TouchtrailError } from '../types'

/** Where each error code is explained. */
export const DOCS = 'https://github.com/touchtrail/touchtrail/blob/main/docs/errors.md'

/** Reports a problem: `code`, a message for people, and the cause when there is one. */
export type Report = (code: TouchtrailError['code'], message: string, cause?: unknown) => void

/** Tells onError (and the console when debugging) about each distinct problem once. */
export const createReporter = (
  onError?: (error: TouchtrailError) => void,
  debug?: boolean,
): Report => {
  const told = new Set<string>()
  return (code, text, cause) => {
    // Short texts keep the script small; each code is explained in full on one page of the docs.
    const message = `${text} (${DOCS}#${code})`
    if (told.has(message)) return
    told.add(message)
    if (debug) console.warn(`[touchtrail] ${code}: ${message}`, cause ?? '')
    // Empty catch: the site's handler threw; reporting that would loop, rethrowing breaks the page.
    try {
      onError?.({ code, message, cause })
    } catch {}
  }
}
