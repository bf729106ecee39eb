import { pageViewProps } from '../lib/page'
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
 * `pushState`, `replaceState` and `popstate`. An SPA view's referrer is the previous URL. Each view
 * is recorded once it settled, the first too: an app sets the title of the page a visitor lands
 * on after its scripts run, as it does after a route change.
 */
export const capturePageViews =
  (options: PageViewOptions = {}): CaptureSetup =>
  (emit, context) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let path: string | undefined // of the latest view recorded
    let href = location.href // the latest URL on that path: the next view's referrer
    const settled = () => {
      timer = undefined
      const previous = href
      href = location.href
      if (location.pathname === path) return
      emit('page_view', pageViewProps(path === undefined ? document.referrer : previous))
      path = location.pathname
    }
    const wait = () => {
      clearTimeout(timer)
      timer = setTimeout(settled, options.settleMs ?? 100)
    }
    // Routers set the title after pushState: wait, and let a burst of calls end in one view.
    const changed = () => {
      if (location.pathname === path) href = location.href
      wait()
    }
    // A page hidden before the first view settled still gets its view, with the title it has.
    const hidden = () => timer && (clearTimeout(timer), settled())
    const stopRoutes = context.onRoute(changed)
    addEventListener('pagehide', hidden, true)
    wait()
    return () => {
      clearTimeout(timer)
      stopRoutes()
      removeEventListener('pagehide', hidden, true)
    }
  }
