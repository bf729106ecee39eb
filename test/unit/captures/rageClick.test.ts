// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { captureRageClicks } from '../../../src/captures/rageClick'
import { captureContext } from '../../support/captureContext'

describe('captureRageClicks', () => {
  let stop: () => void = () => {}
  const emit = vi.fn((_type: string, _props: Record<string, unknown>) => 'id')
  beforeEach(() => {
    vi.useFakeTimers()
    stop = captureRageClicks()(emit, captureContext())
  })
  afterEach(() => {
    stop()
    vi.useRealTimers()
    emit.mockClear()
    document.body.innerHTML = ''
  })
  /** A trusted primary pointer click at (x, y), as the visitor makes. */
  const click = (selector: string, x = 10, y = 10, init: MouseEventInit = {}) => {
    const event = new MouseEvent('click', {
      bubbles: true,
      detail: 1,
      clientX: x,
      clientY: y,
      ...init,
    })
    Object.defineProperty(event, 'isTrusted', { value: true })
    document.querySelector(selector)!.dispatchEvent(event)
  }
  const clicksEvery = (ms: number, count: number, selector = 'button', x = 10, y = 10) => {
    for (let i = 0; i < count; i++) {
      if (i) vi.advanceTimersByTime(ms)
      click(selector, x, y)
    }
  }
  const rages = () => emit.mock.calls.map(([, props]) => props)
  const PAY = `<main class="checkout"><form id="pay"><div class="row">
    <button class="primary big" id="go"><span>Pay</span></button></div></form></main>`

  it('emits one rage_click per burst once it ends, with every click of it', () => {
    document.body.innerHTML = PAY
    clicksEvery(150, 5, 'span')
    expect(emit).not.toHaveBeenCalled() // still going
    vi.advanceTimersByTime(1_000)
    expect(emit.mock.calls).toEqual([
      ['rage_click', { target: 'form#pay > div.row > button#go.primary', clicks: 5 }],
    ])
  })

  it('needs three clicks within one second', () => {
    document.body.innerHTML = PAY
    clicksEvery(100, 2)
    vi.advanceTimersByTime(1_001)
    clicksEvery(600, 4) // 0, 600, 1200, 1800: no three within a second
    vi.advanceTimersByTime(1_001)
    expect(emit).not.toHaveBeenCalled()
    clicksEvery(900, 2)
    vi.advanceTimersByTime(50)
    click('button') // 0, 900, 950: the last three within a second
    vi.advanceTimersByTime(1_001)
    expect(rages()).toEqual([{ target: expect.any(String), clicks: 3 }])
  })

  it('starts a new burst on a click farther than 30 px, on another element, or after a pause', () => {
    document.body.innerHTML = `${PAY}<a href="#x" id="other">x</a>`
    click('button', 10, 10)
    click('button', 30, 30) // 28 px away: same burst
    click('button', 41, 10) // 31 px from the first: a new burst
    click('button', 41, 10)
    click('#other')
    click('button', 41, 10)
    vi.advanceTimersByTime(5_000)
    expect(emit).not.toHaveBeenCalled()
    click('button', 10, 10)
    click('button', 10, 10)
    click('button', 12, 12)
    click('#other')
    expect(rages()).toEqual([{ target: expect.any(String), clicks: 3 }])
  })

  it('counts only trusted primary pointer clicks', () => {
    document.body.innerHTML = PAY
    for (let i = 0; i < 3; i++) document.querySelector('button')!.click() // untrusted
    for (let i = 0; i < 3; i++) click('button', 10, 10, { button: 1 }) // middle button
    for (let i = 0; i < 3; i++) click('button', 10, 10, { detail: 0 }) // Enter held down
    vi.advanceTimersByTime(1_000)
    expect(emit).not.toHaveBeenCalled()
  })

  it('names the element by tag, id and first class, at most 3 levels, never html, body or text', () => {
    const long = 'x'.repeat(40)
    document.body.innerHTML = `<div id="${long}" class="${long} second"><p class=" lead  b">Secret text
      <i>here</i></p></div><label class="opt"><input type="checkbox" value="SECRET"> Opt</label>`
    clicksEvery(10, 3, 'i')
    vi.advanceTimersByTime(1_000)
    clicksEvery(10, 3, 'label')
    vi.advanceTimersByTime(1_000)
    expect(rages()).toEqual([
      { target: `div#${'x'.repeat(32)}.${'x'.repeat(32)} > p.lead > i`, clicks: 3 },
      { target: 'label.opt', clicks: 3 },
    ])
  })

  it('takes the click a label passes to its control as the same click', () => {
    document.body.innerHTML =
      '<label for="agree" class="terms">I agree</label><input id="agree" type="checkbox">'
    for (let i = 0; i < 3; i++) {
      click('label')
      click('#agree') // what the browser does at once after a click on the label
    }
    vi.advanceTimersByTime(1_000)
    expect(rages()).toEqual([{ target: 'label.terms', clicks: 3 }])
  })

  it('reads a form through the prototypes when its fields shadow its properties', () => {
    document.body.innerHTML = `<form id="f" class="c"><input name="parentElement"><input name="localName">
      <input name="getAttribute"><input name="closest"></form>`
    clicksEvery(10, 3, 'form')
    vi.advanceTimersByTime(1_000)
    expect(rages()).toEqual([{ target: 'form#f.c', clicks: 3 }])
  })

  it('skips data-tt-ignore and the bare page', () => {
    document.body.innerHTML = '<div data-tt-ignore><button>x</button></div>'
    clicksEvery(10, 3)
    clicksEvery(10, 3, 'body')
    vi.advanceTimersByTime(1_000)
    expect(emit).not.toHaveBeenCalled()
  })

  it('ends the burst at pagehide and at stop, then records no more', () => {
    document.body.innerHTML = PAY
    clicksEvery(10, 3)
    dispatchEvent(new Event('pagehide'))
    expect(rages()).toHaveLength(1)
    clicksEvery(10, 4)
    stop()
    expect(rages()).toEqual([expect.any(Object), expect.objectContaining({ clicks: 4 })])
    clicksEvery(10, 3)
    vi.advanceTimersByTime(1_000)
    expect(rages()).toHaveLength(2)
  })
})
