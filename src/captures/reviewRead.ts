import type { CaptureSetup } from '../types'

/** Options for the `review_read` capture. */
export interface ReviewReadOptions {
  /** Visible time, in total, that makes a review read. @defaultValue 2500 */
  dwellMs?: number
  /**
   * Share of the review that must be in view for its time to count; a review taller than the
   * viewport divided by it can never count, so lower it for long ones. @defaultValue 0.5
   */
  threshold?: number
}

// How long one review has been seen: `total` ms banked up to `since`, the last update while it
// was counting.
interface Seen {
  id: string
  total: number
  since?: number
  inView: boolean
}

/** What marks a review; the script tag loads this capture once one is on the page. */
export const REVIEW_SELECTOR = '[data-tt-review]'

/**
 * Emits `review_read` once per review per page view, when an element with `data-tt-review` has
 * been at least `threshold` in view, in a visible tab, for `dwellMs` in total.
 */
export const captureReviewReads =
  (options: ReviewReadOptions = {}): CaptureSetup =>
  (emit, context) => {
    if (typeof IntersectionObserver !== 'function') return () => {}
    const { dwellMs = 2500, threshold = 0.5 } = options
    const seen = new Map<Element, Seen>()
    const read = new Set<string>()
    let live = true
    let page = context.pageViewId()
    let timer: ReturnType<typeof setTimeout> | undefined

    // Banks each review's time, emits those that reached dwellMs, and sets one timer for the
    // next review that will.
    const update = () => {
      if (!live) return
      const now = performance.now()
      const visible = document.visibilityState === 'visible'
      // A new page view: every review may be read again, and starts from nothing.
      const current = context.pageViewId()
      const fresh = current !== page
      page = current
      if (fresh) read.clear()
      let next = Infinity
      for (const [element, state] of seen) {
        if (!element.isConnected) {
          seen.delete(element)
          observer.unobserve(element)
          continue
        }
        const showing = state.inView && visible
        const counting = showing && !read.has(state.id)
        state.total = fresh ? 0 : state.total + now - (state.since ?? now)
        state.since = counting ? now : undefined
        if (counting && state.total >= dwellMs) {
          read.add(state.id)
          state.since = undefined
          const rating = Number(element.getAttribute('data-tt-rating') || NaN)
          const productId = element.getAttribute('data-tt-product')
          emit('review_read', {
            reviewId: state.id,
            ...(productId && { productId }),
            ...(rating === rating && { rating }),
            dwellMs: Math.round(state.total),
          })
        }
        // A read review still in view: look again later, in case a new page view began.
        if (showing) next = Math.min(next, read.has(state.id) ? dwellMs : dwellMs - state.total)
      }
      clearTimeout(timer)
      if (next < Infinity) timer = setTimeout(update, next)
    }

    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const state = seen.get(entry.target)
          if (state) state.inView = entry.isIntersecting && entry.intersectionRatio >= threshold
        }
        update()
      },
      { threshold },
    )
    const watch = (node: Node) => {
      if (!(node instanceof Element)) return
      // The node itself last, as it is the outermost; one without the attribute is skipped.
      for (const element of [...node.querySelectorAll(REVIEW_SELECTOR), node]) {
        const id = element.getAttribute('data-tt-review')
        if (!id || seen.has(element) || element.closest('[data-tt-ignore]')) continue
        seen.set(element, { id, total: 0, inView: false })
        observer.observe(element)
      }
    }
    // Reviews a page renders later (tabs, "load more", client routing).
    const mutations = new MutationObserver((records) => {
      for (const record of records) record.addedNodes.forEach(watch)
      if (context.pageViewId() !== page) update()
    })
    watch(document.documentElement)
    mutations.observe(document.documentElement, { childList: true, subtree: true })
    document.addEventListener('visibilitychange', update)
    return () => {
      live = false
      clearTimeout(timer)
      observer.disconnect()
      mutations.disconnect()
      document.removeEventListener('visibilitychange', update)
    }
  }
