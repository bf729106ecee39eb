// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { captureFormSubmits } from '../../../src/captures/formSubmit'
import { captureContext } from '../../support/captureContext'

const context = captureContext()

describe('captureFormSubmits', () => {
  let stop: () => void = () => {}
  const emit = vi.fn((_type: string, _props: Record<string, unknown>) => 'id')
  const submit = (html: string) => {
    document.body.innerHTML = html
    const form = document.querySelector('form')!
    form.addEventListener('submit', (event) => event.preventDefault())
    form.requestSubmit()
  }
  afterEach(() => {
    stop()
    emit.mockClear()
    document.body.innerHTML = ''
  })

  it('emits the names of the fields, once each, never their values', () => {
    stop = captureFormSubmits()(emit, context)
    submit(`<form id="signup" action="/subscribe?email=ann%40example.com&list=weekly">
      <input name="email" value="ann@example.com"><input name="plan" type="radio" value="a">
      <input name="plan" type="radio" value="b"><textarea name="note">secret note</textarea>
      <input value="no name"><button>Go</button></form>`)
    expect(emit.mock.calls).toEqual([
      [
        'form_submit',
        { formId: 'signup', action: '/subscribe?list=weekly', fields: ['email', 'plan', 'note'] },
      ],
    ])
    expect(JSON.stringify(emit.mock.calls)).not.toMatch(/ann@|secret note|no name/)
  })

  it('is not fooled by fields named like the form properties it reads', () => {
    stop = captureFormSubmits()(emit, context)
    submit(`<form id="f" action="/go"><input name="id"><input name="action"><input name="elements">
      <input name="closest"><input name="getAttribute"><input name="matches"></form>`)
    expect(emit.mock.calls[0]![1]).toEqual({
      formId: 'f',
      action: '/go',
      fields: ['id', 'action', 'elements', 'closest', 'getAttribute', 'matches'],
    })
  })

  it('skips a form inside data-tt-ignore, and fields inside it', () => {
    stop = captureFormSubmits()(emit, context)
    submit('<div data-tt-ignore><form><input name="a"></form></div>')
    expect(emit).not.toHaveBeenCalled()
    submit(`<form><input name="kept"><input name="card" data-tt-ignore>
      <fieldset data-tt-ignore><input name="cvv"></fieldset></form>`)
    expect(emit.mock.calls[0]![1]).toMatchObject({ formId: '', action: '', fields: ['kept'] })
  })

  it('skips forms matching the ignore option, and survives a bad selector', () => {
    stop = captureFormSubmits({ ignore: '.search' })(emit, context)
    submit('<form class="search"><input name="q"></form>')
    expect(emit).not.toHaveBeenCalled()
    stop()
    stop = captureFormSubmits({ ignore: '[[' })(emit, context)
    submit('<form><input name="q"></form>')
    expect(emit).toHaveBeenCalledTimes(1)
  })

  it('emits nothing after stop', () => {
    stop = captureFormSubmits()(emit, context)
    stop()
    submit('<form><input name="q"></form>')
    expect(emit).not.toHaveBeenCalled()
  })
})
