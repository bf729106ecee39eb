import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { captureFormSubmits } from '../../src/captures/formSubmit'
import { createRecorder } from '../support/captureRecorder'

// Values no emitted byte may contain.
const SENTINELS = [
  'SENTINEL-ann@example.com',
  'SENTINEL-pw-7731',
  'SENTINEL-typed',
  'SENTINEL-note',
  'SENTINEL-select',
  'SENTINEL-hidden',
  'SENTINEL-card',
]

describe('captureFormSubmits in Chromium', () => {
  let stop = () => {}
  afterEach(() => {
    stop()
    document.body.innerHTML = ''
  })

  it('sends the names of the fields and not one byte of their values', async () => {
    const recorder = createRecorder()
    stop = recorder.start(captureFormSubmits())
    document.body.innerHTML = `
      <form id="checkout" action="/pay?email=SENTINEL-ann%40example.com&step=2" method="post">
        <input name="email" type="email" value="SENTINEL-ann@example.com">
        <input name="password" type="password" value="SENTINEL-pw-7731">
        <input name="name" id="name">
        <textarea name="note">SENTINEL-note</textarea>
        <select name="size"><option value="SENTINEL-select" selected>M</option></select>
        <input type="hidden" name="csrf" value="SENTINEL-hidden">
        <input name="card" value="SENTINEL-card" data-tt-ignore>
        <button name="go" value="1">Pay</button>
      </form>`
    const form = document.querySelector('form')!
    let appSaw = 0
    form.addEventListener('submit', (event) => {
      event.preventDefault() // as an SPA does
      event.stopPropagation()
      appSaw++
    })
    await userEvent.type(document.querySelector('#name')!, 'SENTINEL-typed')
    await userEvent.click(document.querySelector('button')!)
    await expect.poll(() => recorder.of('form_submit').length).toBe(1)
    expect(appSaw).toBe(1)
    expect(recorder.of('form_submit')[0]).toEqual({
      formId: 'checkout',
      action: '/pay?step=2',
      fields: ['email', 'password', 'name', 'note', 'size', 'csrf', 'go'],
    })
    const sent = recorder.json()
    for (const sentinel of SENTINELS) expect(sent).not.toContain(sentinel)
    expect(sent).not.toContain('SENTINEL')
  })

  it('reads id and action from attributes even when fields shadow the form properties', () => {
    const recorder = createRecorder()
    stop = recorder.start(captureFormSubmits())
    document.body.innerHTML = `<form id="f" action="/go"><input name="id" value="SENTINEL-id">
      <input name="action" value="SENTINEL-action"><input name="elements"><input name="closest">
      <input name="getAttribute"><input name="matches"></form>`
    const form = document.querySelector('form')!
    expect(typeof (form as unknown as Record<string, unknown>).closest).not.toBe('function')
    form.addEventListener('submit', (event) => event.preventDefault())
    form.requestSubmit()
    expect(recorder.of('form_submit')).toEqual([
      {
        formId: 'f',
        action: '/go',
        fields: ['id', 'action', 'elements', 'closest', 'getAttribute', 'matches'],
      },
    ])
    expect(recorder.json()).not.toContain('SENTINEL')
  })

  it('counts fields outside the form that name it with form=, and skips ignored forms', () => {
    const recorder = createRecorder()
    stop = recorder.start(captureFormSubmits())
    document.body.innerHTML = `<form id="f"></form><input form="f" name="outside">
      <section data-tt-ignore><form id="g"><input name="q"></form></section>`
    for (const form of document.querySelectorAll('form')) {
      form.addEventListener('submit', (event) => event.preventDefault())
      form.requestSubmit()
    }
    expect(recorder.of('form_submit')).toEqual([{ formId: 'f', action: '', fields: ['outside'] }])
  })
})
