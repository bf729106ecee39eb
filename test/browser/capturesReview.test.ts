import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { captureReviewReads } from '../../src/captures/reviewRead'
import { createRecorder, restoreVisibility, setVisibility } from '../support/captureRecorder'

// A review box pinned at `top` px of the viewport; `top` past the bottom puts it out of view.
const review = (id: string, top: number, extra = '') =>
  `<div data-tt-review="${id}" ${extra} style="position:fixed;left:0;top:${top}px;width:200px;height:100px">${id}</div>`
const move = (id: string, top: number) => {
  document.querySelector<HTMLElement>(`[data-tt-review="${id}"]`)!.style.top = `${top}px`
}
const below = () => innerHeight + 500
// Dwell is counted on a fake clock; IntersectionObserver stays Chromium's. Time passes only here.
const elapse = (ms: number) => void vi.advanceTimersByTime(ms)
/**
 * Resolves once Chromium has told IntersectionObservers where review `id` is now. It tells them
 * all in one task, in no set order: by the next frame the capture's observer has heard it too.
 */
const observed = (id: string) =>
  new Promise<void>((resolve) => {
    const observer = new IntersectionObserver(() => {
      observer.disconnect()
      requestAnimationFrame(() => resolve())
    })
    observer.observe(document.querySelector(`[data-tt-review="${id}"]`)!)
  })

describe('captureReviewReads in Chromium (real IntersectionObserver)', () => {
  let stop = () => {}
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
    stop()
    restoreVisibility()
    document.body.innerHTML = ''
  })
  const ids = (recorder: ReturnType<typeof createRecorder>) =>
    recorder.of('review_read').map((props) => props.reviewId)

  it('with the defaults, emits a review seen 2.5 s and not one seen 1 s', async () => {
    const recorder = createRecorder()
    recorder.pageViewId = 'pv1'
    document.body.innerHTML =
      review('long', 0, 'data-tt-product="sku-1" data-tt-rating="5"') + review('short', 150)
    stop = recorder.start(captureReviewReads())
    await observed('long')
    elapse(1_000)
    move('short', below())
    await observed('short')
    // Both were in view from the start: had "short" kept counting, it would be read with "long".
    elapse(1_499)
    expect(ids(recorder)).toEqual([])
    elapse(1)
    expect(ids(recorder)).toEqual(['long'])
    expect(recorder.of('review_read')[0]).toMatchObject({
      reviewId: 'long',
      productId: 'sku-1',
      rating: 5,
      dwellMs: 2_500,
    })
    elapse(5_000)
    expect(ids(recorder)).toEqual(['long'])
  })

  it('counts only the time the tab is visible', async () => {
    const recorder = createRecorder()
    document.body.innerHTML = review('r1', 0) + review('control', 150)
    stop = recorder.start(captureReviewReads({ dwellMs: 600 }))
    setVisibility('hidden')
    await observed('r1')
    elapse(1_000)
    expect(ids(recorder)).toEqual([])
    move('control', 0)
    setVisibility('visible')
    elapse(599)
    expect(ids(recorder)).toEqual([])
    elapse(1)
    expect(ids(recorder).sort()).toEqual(['control', 'r1'])
  })

  it('does not count a review less than half in view', async () => {
    const recorder = createRecorder()
    // 40 of its 100 px in view, at the bottom edge; the control is fully in view.
    document.body.innerHTML = review('partial', innerHeight - 40) + review('control', 0)
    stop = recorder.start(captureReviewReads({ dwellMs: 500 }))
    await observed('partial')
    elapse(500)
    expect(ids(recorder)).toEqual(['control'])
    elapse(700)
    expect(ids(recorder)).toEqual(['control'])
    move('partial', innerHeight - 60)
    await observed('partial')
    elapse(500)
    expect(ids(recorder)).toEqual(['control', 'partial'])
  })

  it('follows reviews rendered later, once per page view', async () => {
    const recorder = createRecorder()
    recorder.pageViewId = 'pv1'
    stop = recorder.start(captureReviewReads({ dwellMs: 300 }))
    document.body.insertAdjacentHTML('beforeend', `<main>${review('late', 0)}</main>`)
    await observed('late')
    elapse(300)
    expect(ids(recorder)).toEqual(['late'])
    elapse(600)
    expect(ids(recorder)).toEqual(['late'])
    // A new page view with the review still in view and nothing else happening: it is read again,
    // once the capture looks again (every dwellMs while a read review is in view) and 300 ms on.
    recorder.pageViewId = 'pv2'
    elapse(600)
    expect(ids(recorder)).toEqual(['late', 'late'])
    // The route renders: the capture sees the new page view at once, not at its next look.
    recorder.pageViewId = 'pv3'
    document.body.insertAdjacentHTML('beforeend', '<p>the route renders</p>')
    await Promise.resolve() // the MutationObserver's callback runs first
    elapse(300)
    expect(ids(recorder)).toEqual(['late', 'late', 'late'])
  })

  it('never watches a review inside data-tt-ignore, and stops', async () => {
    const recorder = createRecorder()
    document.body.innerHTML = `<div data-tt-ignore>${review('secret', 0)}</div>${review('r', 150)}`
    stop = recorder.start(captureReviewReads({ dwellMs: 300 }))
    await observed('r')
    elapse(300)
    expect(ids(recorder)).toEqual(['r'])
    stop()
    document.body.insertAdjacentHTML('beforeend', review('after', 300))
    await observed('after')
    elapse(600)
    expect(ids(recorder)).toEqual(['r'])
  })
})
