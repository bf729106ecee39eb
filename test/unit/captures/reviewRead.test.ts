// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { captureReviewReads } from '../../../src/captures/reviewRead'
import { captureContext } from '../../support/captureContext'

// happy-dom has no IntersectionObserver: a stand-in the test drives by hand.
class FakeObserver {
  static last: FakeObserver
  targets = new Set<Element>()
  constructor(
    readonly callback: (entries: Partial<IntersectionObserverEntry>[]) => void,
    readonly options: IntersectionObserverInit,
  ) {
    FakeObserver.last = this
  }
  observe(target: Element) {
    this.targets.add(target)
  }
  unobserve(target: Element) {
    this.targets.delete(target)
  }
  disconnect() {
    this.targets.clear()
  }
  show(target: Element, ratio: number) {
    this.callback([{ target, isIntersecting: ratio > 0, intersectionRatio: ratio }])
  }
}

describe('captureReviewReads', () => {
  let stop: () => void = () => {}
  let pageViewId = 'pv1'
  const context = captureContext({ pageViewId: () => pageViewId })
  const emit = vi.fn((_type: string, _props: Record<string, unknown>) => 'id')
  let visibility: DocumentVisibilityState = 'visible'
  const setVisibility = (state: DocumentVisibilityState) => {
    visibility = state
    document.dispatchEvent(new Event('visibilitychange'))
  }
  const io = () => FakeObserver.last
  const review = (id: string) => document.querySelector(`[data-tt-review="${id}"]`)!

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    vi.stubGlobal('IntersectionObserver', FakeObserver)
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => visibility,
    })
    visibility = 'visible'
    pageViewId = 'pv1'
    document.body.innerHTML = `<div data-tt-review="r1" data-tt-product="p9" data-tt-rating="4.5"></div>
      <div data-tt-review="r2"></div><div data-tt-ignore><div data-tt-review="r3"></div></div>`
  })
  afterEach(() => {
    stop()
    emit.mockClear()
    vi.unstubAllGlobals()
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('emits once a review has been half in view for dwellMs, with its product and rating', () => {
    stop = captureReviewReads()(emit, context)
    expect(io().options.threshold).toBe(0.5)
    io().show(review('r1'), 0.6)
    vi.advanceTimersByTime(2_499)
    expect(emit).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(emit.mock.calls).toEqual([
      ['review_read', { reviewId: 'r1', productId: 'p9', rating: 4.5, dwellMs: 2_500 }],
    ])
    vi.advanceTimersByTime(10_000)
    expect(emit).toHaveBeenCalledTimes(1)
  })

  it('adds up separate looks, and does not count below the threshold', () => {
    stop = captureReviewReads({ dwellMs: 1_000 })(emit, context)
    io().show(review('r2'), 0.4)
    vi.advanceTimersByTime(5_000)
    io().show(review('r2'), 0.5)
    vi.advanceTimersByTime(600)
    io().show(review('r2'), 0)
    vi.advanceTimersByTime(5_000)
    expect(emit).not.toHaveBeenCalled()
    io().show(review('r2'), 1)
    vi.advanceTimersByTime(400)
    expect(emit.mock.calls).toEqual([['review_read', { reviewId: 'r2', dwellMs: 1_000 }]])
  })

  it('counts only while the tab is visible', () => {
    stop = captureReviewReads({ dwellMs: 1_000 })(emit, context)
    io().show(review('r1'), 1)
    vi.advanceTimersByTime(900)
    setVisibility('hidden')
    vi.advanceTimersByTime(60_000)
    expect(emit).not.toHaveBeenCalled()
    setVisibility('visible')
    vi.advanceTimersByTime(100)
    expect(emit).toHaveBeenCalledTimes(1)
  })

  it('reads a review again in a new page view, counting from nothing', () => {
    stop = captureReviewReads({ dwellMs: 1_000 })(emit, context)
    io().show(review('r1'), 1)
    vi.advanceTimersByTime(1_000)
    pageViewId = 'pv2'
    io().show(review('r2'), 1)
    vi.advanceTimersByTime(999)
    expect(emit).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(emit.mock.calls.map((call) => call[1].reviewId)).toEqual(['r1', 'r1', 'r2'])
  })

  it('watches reviews added later, skips data-tt-ignore, and forgets removed ones', async () => {
    stop = captureReviewReads({ dwellMs: 1_000 })(emit, context)
    expect([...io().targets].map((el) => el.getAttribute('data-tt-review'))).toEqual(['r1', 'r2'])
    document.body.insertAdjacentHTML('beforeend', '<section><p data-tt-review="r4"></p></section>')
    await vi.waitFor(() => expect(io().targets.size).toBe(3))
    io().show(review('r4'), 1)
    review('r4').remove()
    vi.advanceTimersByTime(2_000)
    expect(emit).not.toHaveBeenCalled()
    expect(io().targets.size).toBe(2)
  })

  it('does nothing after stop, nor where IntersectionObserver is missing', () => {
    stop = captureReviewReads({ dwellMs: 1_000 })(emit, context)
    io().show(review('r1'), 1)
    stop()
    vi.advanceTimersByTime(5_000)
    setVisibility('visible')
    expect(emit).not.toHaveBeenCalled()
    vi.stubGlobal('IntersectionObserver', undefined)
    expect(() => captureReviewReads()(emit, context)()).not.toThrow()
  })
})
