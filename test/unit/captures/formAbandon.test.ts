// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { captureFormAbandons } from '../../../src/captures/formAbandon'
import { captureContext } from '../../support/captureContext'
import type { PageInfo } from '../../../src/types'

describe('captureFormAbandons', () => {
  let stop: () => void = () => {}
  let view = 'view-1'
  const context = captureContext({ pageViewId: () => view })
  const emit = vi.fn(
    (_type: string, _props: Record<string, unknown>, _page?: PageInfo): string | undefined => 'id',
  )
  beforeEach(() => {
    vi.useFakeTimers()
    history.replaceState(null, '', '/checkout')
    stop = captureFormAbandons()(emit, context)
  })
  afterEach(() => {
    stop()
    vi.useRealTimers()
    emit.mockClear()
    view = 'view-1'
    document.body.innerHTML = ''
  })
  const field = (selector: string) => document.querySelector<HTMLInputElement>(selector)!
  const type = (selector: string, event = 'input') => {
    field(selector).dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    field(selector).dispatchEvent(new Event(event, { bubbles: true }))
  }
  const hide = () => dispatchEvent(new Event('pagehide'))
  const abandons = () => emit.mock.calls.map(([, props]) => props)
  const CHECKOUT = `<form id="pay" name="payment"><input name="email"><input name="card">
    <select name="country"><option>VN</option></select><input id="nameless">
    <input name="cvc" data-tt-ignore><button>Pay</button></form>`

  it('names the changed fields in first-change order, the last focused field and the dwell', () => {
    document.body.innerHTML = CHECKOUT
    type('[name=card]')
    vi.advanceTimersByTime(4_000)
    type('[name=email]')
    type('[name=card]')
    type('[name=country]', 'change')
    type('#nameless')
    type('[name=cvc]')
    vi.advanceTimersByTime(2_500)
    hide()
    expect(emit.mock.calls).toEqual([
      [
        'form_abandon',
        { formId: 'pay', fields: ['card', 'email', 'country'], lastField: null, dwellMs: 6_500 },
        expect.objectContaining({ path: '/checkout' }),
      ],
    ])
  })

  it('gives the name of the last focused field, the name when there is no id, else ""', () => {
    document.body.innerHTML = `<form name="signup"><input name="email"></form>
      <form><input name="q"><input name="r"></form>`
    type('[name=email]')
    type('[name=q]')
    field('[name=r]').dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    hide()
    expect(abandons()).toEqual([
      { formId: 'signup', fields: ['email'], lastField: 'email', dwellMs: 0 },
      { formId: '', fields: ['q'], lastField: 'r', dwellMs: 0 },
    ])
  })

  it('counts a field that names its form with form=, not one outside any form', () => {
    document.body.innerHTML = `<form id="f"></form><input name="outside" form="f"><input name="alone">
      <div contenteditable id="editor"></div>`
    type('[name=alone]')
    field('#editor').dispatchEvent(new Event('input', { bubbles: true }))
    hide()
    expect(emit).not.toHaveBeenCalled()
    type('[name=outside]')
    hide()
    expect(abandons()).toEqual([
      { formId: 'f', fields: ['outside'], lastField: 'outside', dwellMs: 0 },
    ])
  })

  it('records nothing for a submitted form, an ignored form, or a form never changed', () => {
    document.body.innerHTML = `${CHECKOUT}<form id="quiet" data-tt-ignore><input name="x"></form>
      <form id="untouched"><input name="y"></form>`
    type('[name=email]')
    field('#pay').dispatchEvent(new Event('submit', { bubbles: true }))
    type('[name=card]') // a change after the submit, on the same page view
    type('[name=x]')
    field('[name=y]').dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    hide()
    expect(emit).not.toHaveBeenCalled()
  })

  it('records a form once per page view, and again in the next page view', () => {
    document.body.innerHTML = CHECKOUT
    type('[name=email]')
    hide()
    type('[name=card]')
    hide()
    expect(abandons()).toHaveLength(1)
    view = 'view-2'
    type('[name=card]')
    hide()
    expect(abandons()).toEqual([
      expect.objectContaining({ fields: ['email'] }),
      expect.objectContaining({ fields: ['card'] }),
    ])
  })

  it('counts a form the app removes within a second of a route change, for its own page', () => {
    document.body.innerHTML = CHECKOUT
    vi.advanceTimersByTime(1_000)
    type('[name=email]')
    vi.advanceTimersByTime(3_000)
    history.pushState(null, '', '/products/1')
    vi.advanceTimersByTime(200)
    document.body.innerHTML = '<h1>Product</h1>' // the router renders the next page
    expect(emit).not.toHaveBeenCalled()
    vi.advanceTimersByTime(800)
    expect(emit.mock.calls).toEqual([
      [
        'form_abandon',
        { formId: 'pay', fields: ['email'], lastField: 'email', dwellMs: 3_000 },
        expect.objectContaining({ path: '/checkout', url: expect.stringContaining('/checkout') }),
      ],
    ])
  })

  it('counts a form the router removes just before its route change', async () => {
    document.body.innerHTML = `${CHECKOUT}<form id="other"><input name="q"></form>`
    type('[name=email]')
    type('[name=q]')
    document.querySelector('#other')!.remove()
    await vi.advanceTimersByTimeAsync(600) // seen out of the document 600 ms before
    document.querySelector('#pay')!.remove() // rendered away, then the URL (as Next.js does)
    history.pushState(null, '', '/next')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(abandons().map(({ formId }) => formId)).toEqual(['pay', 'other'])
  })

  it('leaves a form alone that stays after a route change, or goes without one', async () => {
    document.body.innerHTML = `${CHECKOUT}<dialog open><form id="d"><input name="note"></form></dialog>`
    type('[name=email]')
    type('[name=note]')
    document.querySelector('dialog')!.remove() // closed, no route change
    await vi.advanceTimersByTimeAsync(1_500)
    history.pushState(null, '', '/checkout/step-2') // the checkout form stays
    vi.advanceTimersByTime(5_000)
    expect(emit).not.toHaveBeenCalled()
    hide() // the form still on the page is left now; the dialog's is not
    expect(abandons()).toEqual([expect.objectContaining({ formId: 'pay', fields: ['email'] })])
  })

  it('counts a form removed after a route change when the page hides within the second', () => {
    document.body.innerHTML = CHECKOUT
    type('[name=email]')
    history.pushState(null, '', '/elsewhere')
    document.body.innerHTML = ''
    hide()
    expect(abandons()).toEqual([expect.objectContaining({ formId: 'pay' })])
    vi.advanceTimersByTime(1_000)
    expect(abandons()).toHaveLength(1)
  })

  it('stops: no listener, no pending route check', () => {
    document.body.innerHTML = CHECKOUT
    type('[name=email]')
    history.pushState(null, '', '/elsewhere')
    document.body.innerHTML = ''
    stop()
    vi.advanceTimersByTime(1_000)
    hide()
    document.body.innerHTML = CHECKOUT
    type('[name=email]')
    hide()
    expect(emit).not.toHaveBeenCalled()
  })
})
