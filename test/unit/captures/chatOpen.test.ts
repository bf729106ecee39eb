// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { captureChatOpens } from '../../../src/captures/chatOpen'
import { captureContext } from '../../support/captureContext'

const context = captureContext()

describe('captureChatOpens', () => {
  let stop: () => void = () => {}
  const emit = vi.fn((_type: string, _props: Record<string, unknown>) => 'id')
  afterEach(() => {
    stop()
    emit.mockClear()
    document.body.innerHTML = ''
  })
  const click = (selector: string) => document.querySelector<HTMLElement>(selector)!.click()

  it('emits on a click inside a data-tt-chat element, even if the app stops the click', () => {
    stop = captureChatOpens()(emit, context)
    document.body.innerHTML = `<button data-tt-chat="zalo" data-tt-widget="oa"><span id="in">Chat</span></button>
      <a data-tt-chat id="plain">Help</a><button id="other">No</button>`
    document.querySelector('#in')!.addEventListener('click', (event) => event.stopPropagation())
    click('#in')
    click('#plain')
    click('#other')
    expect(emit.mock.calls).toEqual([
      ['chat_open', { provider: 'zalo', widget: 'oa', trigger: 'click' }],
      ['chat_open', { provider: 'custom', trigger: 'click' }],
    ])
  })

  it('names the provider from the option when the attribute is empty', () => {
    stop = captureChatOpens({ provider: 'messenger' })(emit, context)
    document.body.innerHTML = '<button data-tt-chat>Chat</button>'
    click('button')
    expect(emit.mock.calls[0]![1]).toEqual({ provider: 'messenger', trigger: 'click' })
  })

  it('skips data-tt-ignore, and stops', () => {
    stop = captureChatOpens()(emit, context)
    document.body.innerHTML =
      '<div data-tt-ignore><button data-tt-chat="x">Chat</button></div><button id="b" data-tt-chat="y">'
    click('button')
    expect(emit).not.toHaveBeenCalled()
    stop()
    click('#b')
    expect(emit).not.toHaveBeenCalled()
  })
})
