import { redactUrl } from '../core/redact'
import type { CaptureSetup } from '../types'

/** Options for the `page_view` capture. */
export interface PageViewOptions {
  /**
   * How long a route change may take to settle before the view is recorded: history calls within
   * it to one path give one `page_view`, and `document.title` is read after it. @defaultValue 100
   */
  settleMs?: number
}

/**
 * Emits `page_view` for the page as it starts, then for every SPA route change to a new path:
 * `pushState`, `replaceState` and `popstate`. An SPA view's referrer is the previous URL.
 */
export const capturePageViews =
  (options: PageViewOptions = {}): CaptureSetup =>
  (emit) => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    let path: string
    let href = location.href
    const view = (referrer: string) => {
      path = location.pathname
      emit('page_view', { path, title: document.title, referrer: redactUrl(referrer) })
    }
    // No check of `live`: stop() clears the timer, and nothing sets it again.
    const settled = () => {
      const previous = href
      href = location.href
      if (location.pathname !== path) view(previous)
    }
    // Routers set the title after pushState: wait, and let a burst of calls end in one view.
    const changed = () => {
      // Still on the same path: its latest URL is the referrer of the next view.
      if (location.pathname === path) href = location.href
      clearTimeout(timer)
      timer = setTimeout(settled, options.settleMs ?? 100)
    }
    const unpatch = (['pushState', 'replaceState'] as const).map((method) => {
      const original = history[method]
      const patched = function (this: History, ...args: Parameters<History[typeof method]>) {
        const result = original.apply(this, args)
        if (live) changed()
        return result
      }
      history[method] = patched
      // Whoever wrapped us after we wrapped them keeps their wrapper; ours then only passes on.
      return () => {
        if (history[method] === patched) history[method] = original
      }
    })
    addEventListener('popstate', changed)
    view(document.referrer)
    return () => {
      live = false
      clearTimeout(timer)
      removeEventListener('popstate', changed)
      for (const undo of unpatch) undo()
    }
  }
