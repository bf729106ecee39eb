// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { captureFeedback } from '../../../src/captures/feedback'
import { captureContext } from '../../support/captureContext'

describe('captureFeedback', () => {
  let stop: () => void = () => {}
  let view: string | undefined = 'view-1'
  const latest = new Map<string, string>()
  const context = captureContext({ pageViewId: () => view, latest: (type) => latest.get(type) })
  const emit = vi.fn((_type: string, _props: Record<string, unknown>) => 'id')
  afterEach(() => {
    stop()
    emit.mockClear()
    latest.clear()
    view = 'view-1'
    document.body.innerHTML = ''
  })
  const click = (selector: string) => document.querySelector<HTMLElement>(selector)!.click()
  const answers = () => emit.mock.calls.map(([, props]) => props)

  it('turns a click on an answer into a feedback with its scale, score and question', () => {
    stop = captureFeedback()(emit, context)
    document.body.innerHTML = `<div data-tt-feedback="csat" data-tt-question="How was your order?">
      <button data-tt-score="1">😞</button><button data-tt-score="4"><span id="in">🙂</span></button>
    </div>`
    document.querySelector('#in')!.addEventListener('click', (event) => event.stopPropagation())
    click('#in')
    expect(emit.mock.calls).toEqual([
      ['feedback', { scale: 'csat', score: 4, question: 'How was your order?' }],
    ])
  })

  it('links the latest touchpoint of the rated type, or names the type alone', () => {
    stop = captureFeedback()(emit, context)
    document.body.innerHTML = `<div id="a" data-tt-feedback="thumbs" data-tt-about="chat_open">
      <button data-tt-score="1">👍</button></div>
      <div id="b" data-tt-feedback="nps" data-tt-about="purchase"><a data-tt-score="9">9</a></div>`
    latest.set('chat_open', 'tp-chat')
    click('#a button')
    click('#b a')
    expect(answers()).toEqual([
      { scale: 'thumbs', score: 1, about: { type: 'chat_open', touchpointId: 'tp-chat' } },
      { scale: 'nps', score: 9, about: { type: 'purchase' } },
    ])
  })

  it('records one answer per widget per page view; a new page view or widget answers again', () => {
    stop = captureFeedback()(emit, context)
    const widget =
      '<div data-tt-feedback="ces"><b data-tt-score="2">2</b><b data-tt-score="7">7</b></div>'
    document.body.innerHTML = widget
    click('[data-tt-score="2"]')
    click('[data-tt-score="7"]')
    expect(answers()).toEqual([{ scale: 'ces', score: 2 }])
    view = 'view-2'
    click('[data-tt-score="7"]')
    click('[data-tt-score="2"]')
    expect(answers()).toEqual([
      { scale: 'ces', score: 2 },
      { scale: 'ces', score: 7 },
    ])
    document.body.innerHTML = widget // rendered anew: a new widget
    click('[data-tt-score="7"]')
    expect(answers()).toHaveLength(3)
  })

  it('cuts the question to 200 characters and hands bad markup to the tracker as it is', () => {
    stop = captureFeedback()(emit, context)
    document.body.innerHTML = `<div data-tt-feedback="stars" data-tt-question="${'q'.repeat(300)}">
      <i data-tt-score="">?</i></div><div data-tt-feedback="csat"><i data-tt-score="9">9</i></div>`
    click('[data-tt-feedback="stars"] i')
    click('[data-tt-feedback="csat"] i')
    // The tracker's checkProps drops both with a message; the capture does not judge them.
    expect(answers()).toEqual([
      { scale: 'stars', score: NaN, question: 'q'.repeat(200) },
      { scale: 'csat', score: 9 },
    ])
  })

  it('skips clicks outside an answer, data-tt-ignore widgets, and stops', () => {
    stop = captureFeedback()(emit, context)
    document.body.innerHTML = `<div data-tt-feedback="csat"><p id="text">How?</p></div>
      <button data-tt-score="5" id="loose">5</button>
      <section data-tt-ignore><div data-tt-feedback="csat"><button data-tt-score="5" id="ign">5</button></div></section>
      <div data-tt-feedback="csat"><button data-tt-score="3" id="ok">3</button></div>`
    click('#text')
    click('#loose')
    click('#ign')
    expect(emit).not.toHaveBeenCalled()
    stop()
    click('#ok')
    expect(emit).not.toHaveBeenCalled()
  })
})
