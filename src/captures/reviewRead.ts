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

// How long one review has been seen: `total` ms banked, plus now − `since` while it is counting.
interface Seen {
  id: string
  total: number
  since?: number
  inView: boolean
}

const SELECTOR = '[data-tt-review]'

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
    const visible = () => document.visibilityState === 'visible'
    const counted = (state: Seen, now: number) => state.total + now - (state.since ?? now)

    // Banks or starts each review's clock, emits what has reached dwellMs, and sets one timer
    // for the next review that will.
    const update = () => {
      if (!live) return
      const now = performance.now()
      const current = context.pageViewId()
      // A new page view: every review may be read again, and starts from nothing.
      if (current !== page) {
        page = current
        read.clear()
        for (const state of seen.values()) {
          state.total = 0
          if (state.since !== undefined) state.since = now
        }
      }
      let next = Infinity
      for (const [element, state] of seen) {
        if (!element.isConnected) {
          seen.delete(element)
          observer.unobserve(element)
          continue
        }
        const counting = state.inView && visible() && !read.has(state.id)
        if (!counting) {
          state.total = counted(state, now)
          state.since = undefined
          // A read review still in view: look again later, in case a new page view began.
          if (state.inView && visible()) next = Math.min(next, dwellMs)
          continue
        }
        state.since ??= now
        const dwell = counted(state, now)
        if (dwell < dwellMs) {
          next = Math.min(next, dwellMs - dwell)
          continue
        }
        read.add(state.id)
        state.total = dwell
        state.since = undefined
        next = Math.min(next, dwellMs)
        const rating = Number(element.getAttribute('data-tt-rating') || NaN)
        const productId = element.getAttribute('data-tt-product')
        emit('review_read', {
          reviewId: state.id,
          ...(productId && { productId }),
          ...(rating === rating && { rating }),
          dwellMs: Math.round(dwell),
        })
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
      const found = [...node.querySelectorAll(SELECTOR)]
      if (node.matches(SELECTOR)) found.push(node)
      for (const element of found) {
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
