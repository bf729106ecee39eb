import { afterEach, describe, expect, it } from 'vitest'
import { captureReviewReads } from '../../src/captures/reviewRead'
import { createRecorder, restoreVisibility, setVisibility } from '../support/captureRecorder'

// A review box pinned at `top` px of the viewport; `top` past the bottom puts it out of view.
const review = (id: string, top: number, extra = '') =>
  `<div data-tt-review="${id}" ${extra} style="position:fixed;left:0;top:${top}px;width:200px;height:100px">${id}</div>`
const move = (id: string, top: number) => {
  document.querySelector<HTMLElement>(`[data-tt-review="${id}"]`)!.style.top = `${top}px`
}
const below = () => innerHeight + 500
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('captureReviewReads in Chromium (real IntersectionObserver)', () => {
  let stop = () => {}
  afterEach(() => {
    stop()
    restoreVisibility()
    document.body.innerHTML = ''
  })
  const ids = (recorder: ReturnType<typeof createRecorder>) =>
    recorder.of('review_read').map((props) => props.reviewId)

  it('with the defaults, emits a review seen 3 s and not one seen 1 s', async () => {
    const recorder = createRecorder()
    recorder.pageViewId = 'pv1'
    document.body.innerHTML =
      review('long', 0, 'data-tt-product="sku-1" data-tt-rating="5"') + review('short', 150)
    stop = recorder.start(captureReviewReads())
    await wait(1_000)
    move('short', below())
    // Both were in view from the start: had "short" kept counting, it would be read with "long".
    await expect.poll(() => ids(recorder), { timeout: 5_000 }).toEqual(['long'])
    const [read] = recorder.of('review_read')
    expect(read).toMatchObject({ reviewId: 'long', productId: 'sku-1', rating: 5 })
    expect(read!.dwellMs).toBeGreaterThanOrEqual(2_500)
    expect(read!.dwellMs).toBeLessThan(3_500)
    await wait(500)
    expect(ids(recorder)).toEqual(['long'])
  })

  it('counts only the time the tab is visible', async () => {
    const recorder = createRecorder()
    document.body.innerHTML = review('r1', 0) + review('control', 150)
    stop = recorder.start(captureReviewReads({ dwellMs: 600 }))
    setVisibility('hidden')
    await wait(1_000)
    expect(ids(recorder)).toEqual([])
    move('control', 0)
    setVisibility('visible')
    await expect.poll(() => ids(recorder).sort()).toEqual(['control', 'r1'])
  })

  it('does not count a review less than half in view', async () => {
    const recorder = createRecorder()
    // 40 of its 100 px in view, at the bottom edge; the control is fully in view.
    document.body.innerHTML = review('partial', innerHeight - 40) + review('control', 0)
    stop = recorder.start(captureReviewReads({ dwellMs: 500 }))
    await expect.poll(() => ids(recorder)).toEqual(['control'])
    await wait(700)
    expect(ids(recorder)).toEqual(['control'])
    move('partial', innerHeight - 60)
    await expect.poll(() => ids(recorder)).toEqual(['control', 'partial'])
  })

  it('follows reviews rendered later, once per page view', async () => {
    const recorder = createRecorder()
    recorder.pageViewId = 'pv1'
    stop = recorder.start(captureReviewReads({ dwellMs: 300 }))
    document.body.insertAdjacentHTML('beforeend', `<main>${review('late', 0)}</main>`)
    await expect.poll(() => ids(recorder)).toEqual(['late'])
    await wait(600)
    expect(ids(recorder)).toEqual(['late'])
    // A new page view with the review still in view and nothing else happening: it is read again.
    recorder.pageViewId = 'pv2'
    await expect.poll(() => ids(recorder)).toEqual(['late', 'late'])
    recorder.pageViewId = 'pv3'
    document.body.insertAdjacentHTML('beforeend', '<p>the route renders</p>')
    await expect.poll(() => ids(recorder)).toEqual(['late', 'late', 'late'])
  })

  it('never watches a review inside data-tt-ignore, and stops', async () => {
    const recorder = createRecorder()
    document.body.innerHTML = `<div data-tt-ignore>${review('secret', 0)}</div>${review('r', 150)}`
    stop = recorder.start(captureReviewReads({ dwellMs: 300 }))
    await expect.poll(() => ids(recorder)).toEqual(['r'])
    stop()
    document.body.insertAdjacentHTML('beforeend', review('after', 300))
    await wait(600)
    expect(ids(recorder)).toEqual(['r'])
  })
})
