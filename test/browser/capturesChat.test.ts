import { afterEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { captureChatOpens } from '../../src/captures/chatOpen'
import { CHAT_GLOBALS, captureChatWidgets, type ChatProvider } from '../../src/captures/chatWidgets'
import {
  installCrispQueue,
  installDrift,
  installHubSpot,
  installIntercom,
  installLiveChat,
  installTawk,
  installZendesk,
} from '../support/chatStandIns'
import { createRecorder } from '../support/captureRecorder'

const w = window as unknown as Record<string, any>

describe('chat captures in Chromium', () => {
  let stop = () => {}
  afterEach(() => {
    vi.useRealTimers()
    stop()
    document.body.innerHTML = ''
    // The stand-ins install only these (chatWidgets.test checks it).
    for (const name of CHAT_GLOBALS) delete w[name]
  })

  it('emits chat_open for a real click on a data-tt-chat launcher the app stops', async () => {
    const recorder = createRecorder()
    stop = recorder.start(captureChatOpens())
    document.body.innerHTML = `<button data-tt-chat="zalo" data-tt-widget="oa-123"><b>Chat with us</b></button>
      <button data-tt-chat data-tt-ignore id="ignored">Chat</button>`
    document.querySelector('button')!.addEventListener('click', (event) => event.stopPropagation())
    await userEvent.click(document.querySelector('b')!)
    await userEvent.click(document.querySelector('#ignored')!)
    expect(recorder.calls).toEqual([
      ['chat_open', { provider: 'zalo', widget: 'oa-123', trigger: 'click' }],
    ])
  })

  type Widget = { open(): void; close?(): void; ready?(): void; load?(): void; attached(): boolean }
  const widgets: [ChatProvider, () => Widget][] = [
    ['intercom', () => installIntercom(w)],
    ['zendesk', () => installZendesk(w)],
    ['crisp', () => installCrispQueue(w)],
    ['tawk', () => installTawk(w)],
    ['drift', () => installDrift(w)],
    ['livechat', () => installLiveChat(w)],
    ['hubspot', () => installHubSpot(w)],
  ]
  it.each(widgets)(
    'follows %s when its script loads after the capture started',
    async (provider, install) => {
      // The capture's clock only: it looks at start, then 250 ms, 750 ms, 1.75 s, … after it.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      const recorder = createRecorder()
      stop = recorder.start(captureChatWidgets({ providers: [provider] }))
      // The widget's snippet runs after the capture's second look, as an async script would.
      vi.advanceTimersByTime(300)
      const widget = install()
      expect(widget.attached()).toBe(false)
      vi.advanceTimersByTime(449)
      expect(widget.attached()).toBe(false)
      vi.advanceTimersByTime(1)
      expect(widget.attached()).toBe(true)
      widget.load?.()
      widget.ready?.()
      widget.open()
      widget.close?.()
      widget.open()
      expect(recorder.calls).toEqual([
        ['chat_open', { provider, widget: provider, trigger: 'widget' }],
        ['chat_open', { provider, widget: provider, trigger: 'widget' }],
      ])
      stop()
      widget.close?.()
      widget.open()
      expect(recorder.calls).toHaveLength(2)
    },
  )

  it('keeps the site handlers of Crisp and Tawk.to working beside ours', () => {
    const recorder = createRecorder()
    const crisp = installCrispQueue(w)
    const tawk = installTawk(w)
    const seen: string[] = []
    w.$crisp.push(['on', 'chat:opened', () => seen.push('crisp site')])
    w.Tawk_API.onChatMaximized = () => seen.push('tawk site')
    stop = recorder.start(captureChatWidgets({ providers: ['crisp', 'tawk'] }))
    crisp.load()
    crisp.open()
    tawk.open()
    expect(seen).toEqual(['crisp site', 'tawk site'])
    expect(recorder.of('chat_open').map((props) => props.provider)).toEqual(['crisp', 'tawk'])
  })
})
