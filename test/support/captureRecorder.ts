// A fake emit that keeps every call, for driving one capture directly in real Chromium.
import type { CaptureSetup } from '../../src/types'
import { captureContext } from './captureContext'

export interface Recorder {
  /** Every emitted [type, props], props copied when emitted. */
  calls: [string, Record<string, unknown>][]
  /** Props of every call of `type`. */
  of(type: string): Record<string, unknown>[]
  /** Everything emitted, as one string: no sentinel may appear in it. */
  json(): string
  /** The page view id the capture sees. */
  pageViewId: string | undefined
  /** Starts `setup` against this recorder; returns its stop. */
  start(setup: CaptureSetup): () => void
}

export const createRecorder = (): Recorder => {
  const recorder: Recorder = {
    calls: [],
    of: (type) => recorder.calls.filter(([t]) => t === type).map(([, props]) => props),
    json: () => JSON.stringify(recorder.calls),
    pageViewId: undefined,
    start: (setup) => {
      const context = captureContext({ pageViewId: () => recorder.pageViewId })
      return setup((type, props) => {
        recorder.calls.push([type, JSON.parse(JSON.stringify(props)) as Record<string, unknown>])
        return String(recorder.calls.length)
      }, context)
    },
  }
  return recorder
}

/** Makes `document.visibilityState` say `state` and tells the page, as a tab switch would. */
export const setVisibility = (state: DocumentVisibilityState) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
}

/** Gives `document.visibilityState` back to the browser. */
export const restoreVisibility = () => {
  delete (document as unknown as Record<string, unknown>).visibilityState
}
