// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CHAT_GLOBALS,
  captureChatWidgets,
  type ChatProvider,
} from '../../../src/captures/chatWidgets'
import {
  installCrispQueue,
  installDrift,
  installHubSpot,
  installIntercom,
  installLiveChat,
  installTawk,
  installZendesk,
} from '../../support/chatStandIns'
import { captureContext } from '../../support/captureContext'

const w = window as unknown as Record<string, any>
const context = captureContext()

describe('captureChatWidgets', () => {
  let stop: () => void = () => {}
  const emit = vi.fn((_type: string, _props: Record<string, unknown>) => 'id')
  const start = (providers?: ChatProvider[]) => {
    stop = captureChatWidgets(providers ? { providers } : {})(emit, context)
  }
  const opened = () => emit.mock.calls.map(([type, props]) => [type, props.provider, props.trigger])

  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    stop()
    emit.mockClear()
    vi.useRealTimers()
    for (const name of CHAT_GLOBALS) delete w[name]
  })

  // Each stand-in opened, closed, opened: two openings, two chat_open.
  const widgets: [
    ChatProvider,
    () => { open(): void; close?(): void; ready?(): void; load?(): void },
  ][] = [
    ['intercom', () => installIntercom(w)],
    ['zendesk', () => installZendesk(w)],
    ['tawk', () => installTawk(w)],
    ['drift', () => installDrift(w)],
    ['livechat', () => installLiveChat(w)],
    ['hubspot', () => installHubSpot(w)],
    ['crisp', () => installCrispQueue(w)],
  ]
  it.each(widgets)('emits one chat_open per opening of %s', (provider, install) => {
    const widget = install()
    start()
    widget.load?.()
    widget.ready?.()
    widget.open()
    widget.close?.()
    widget.open()
    expect(emit.mock.calls).toEqual([
      ['chat_open', { provider, widget: provider, trigger: 'widget' }],
      ['chat_open', { provider, widget: provider, trigger: 'widget' }],
    ])
  })

  it('counts an opening once when the API repeats it (Drift legacy + current, HubSpot clicks, LiveChat)', () => {
    const drift = installDrift(w, true)
    const hubspot = installHubSpot(w)
    const livechat = installLiveChat(w)
    start(['drift', 'hubspot', 'livechat'])
    drift.ready()
    drift.open()
    hubspot.open()
    hubspot.interact()
    livechat.open()
    livechat.open()
    expect(opened()).toEqual([
      ['chat_open', 'drift', 'widget'],
      ['chat_open', 'hubspot', 'widget'],
      ['chat_open', 'livechat', 'widget'],
    ])
    livechat.hide()
    livechat.open()
    expect(emit).toHaveBeenCalledTimes(4)
  })

  // The script tag loads the adapters only once one of CHAT_GLOBALS is there.
  it.each(widgets)('names the global of %s among those the script tag waits for', (_, install) => {
    const before = new Set(Object.keys(w))
    install()
    const added = Object.keys(w).filter((name) => !before.has(name) && w[name])
    expect(added.length).toBeGreaterThan(0)
    expect(added.every((name) => CHAT_GLOBALS.includes(name))).toBe(true)
  })

  it('finds a widget whose script loads later, and stops looking after about 30 s', () => {
    start(['intercom', 'zendesk'])
    vi.advanceTimersByTime(1_000)
    const intercom = installIntercom(w)
    vi.advanceTimersByTime(1_000)
    intercom.open()
    expect(opened()).toEqual([['chat_open', 'intercom', 'widget']])
    vi.advanceTimersByTime(29_000)
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    vi.advanceTimersByTime(1_000)
    expect(vi.getTimerCount()).toBe(0)
    installZendesk(w).open()
    vi.advanceTimersByTime(60_000)
    expect(emit).toHaveBeenCalledTimes(1)
  })

  it('leaves the other widgets alone when one throws, and tries it again', () => {
    let calls = 0
    w.Intercom = () => {
      if (++calls === 1) throw new Error('not booted')
    }
    const zendesk = installZendesk(w)
    start(['intercom', 'zendesk'])
    zendesk.open()
    expect(opened()).toEqual([['chat_open', 'zendesk', 'widget']])
    vi.advanceTimersByTime(250)
    expect(calls).toBe(2)
  })

  it('detaches on stop where the API allows, and goes quiet where it does not', () => {
    const widgets = {
      intercom: installIntercom(w),
      zendesk: installZendesk(w),
      drift: installDrift(w),
      livechat: installLiveChat(w),
      hubspot: installHubSpot(w),
    }
    start()
    widgets.drift.ready()
    stop()
    expect(widgets.zendesk.events.count('open')).toBe(0)
    expect(widgets.drift.events.count('chatOpen')).toBe(0)
    expect(widgets.livechat.events.count('visibility_changed')).toBe(0)
    expect(widgets.hubspot.events.count('userInteractedWithWidget')).toBe(0)
    expect(widgets.intercom.events.count('onShow')).toBe(1)
    for (const widget of Object.values(widgets)) widget.open()
    expect(emit).not.toHaveBeenCalled()
  })

  describe('Crisp, which keeps one handler per event', () => {
    it("keeps the site's handlers, queued before and after ours, working", () => {
      const crisp = installCrispQueue(w)
      const first = vi.fn()
      const second = vi.fn()
      w.$crisp.push(['on', 'chat:opened', first], ['set', 'user:nickname', ['Ann']])
      start(['crisp'])
      w.$crisp.push(['on', 'chat:opened', second])
      crisp.load()
      crisp.open()
      expect(opened()).toEqual([['chat_open', 'crisp', 'widget']])
      expect(first).not.toHaveBeenCalled() // replaced by `second`, as Crisp itself would
      expect(second).toHaveBeenCalledTimes(1)
      stop()
      crisp.open()
      expect(second).toHaveBeenCalledTimes(2)
      expect(emit).toHaveBeenCalledTimes(1)
    })

    it("calls the site's handler queued before ours", () => {
      const crisp = installCrispQueue(w)
      const site = vi.fn()
      w.$crisp.push(['on', 'chat:opened', site])
      start(['crisp'])
      crisp.load()
      crisp.open()
      expect(site).toHaveBeenCalledTimes(1)
      expect(emit).toHaveBeenCalledTimes(1)
    })

    it("follows the site's off", () => {
      const crisp = installCrispQueue(w)
      const site = vi.fn()
      start(['crisp'])
      w.$crisp.push(['on', 'chat:opened', site])
      w.$crisp.push(['off', 'chat:opened'])
      crisp.load()
      crisp.open()
      expect(site).not.toHaveBeenCalled()
      expect(emit).toHaveBeenCalledTimes(1)
    })

    it('does not touch a Crisp that has loaded already: ours would replace the site handler', () => {
      const crisp = installCrispQueue(w)
      const site = vi.fn()
      crisp.load()
      w.$crisp.push(['on', 'chat:opened', site])
      start(['crisp'])
      crisp.open()
      expect(site).toHaveBeenCalledTimes(1)
      expect(emit).not.toHaveBeenCalled()
      expect(vi.getTimerCount()).toBe(0)
    })
  })

  describe('Tawk.to, a single onChatMaximized property', () => {
    it("chains the site's handler, set before or after ours, and restores it on stop", () => {
      const tawk = installTawk(w)
      const before = vi.fn()
      const after = vi.fn()
      w.Tawk_API.onChatMaximized = before
      start(['tawk'])
      tawk.open()
      expect(before).toHaveBeenCalledTimes(1)
      w.Tawk_API.onChatMaximized = after
      tawk.open()
      expect(after).toHaveBeenCalledTimes(1)
      expect(emit).toHaveBeenCalledTimes(2)
      stop()
      expect(w.Tawk_API.onChatMaximized).toBe(after)
      tawk.open()
      expect(after).toHaveBeenCalledTimes(2)
      expect(emit).toHaveBeenCalledTimes(2)
    })

    it('does not loop when the widget assigns our own handler back', () => {
      const tawk = installTawk(w)
      start(['tawk'])
      w.Tawk_API.onChatMaximized = w.Tawk_API.onChatMaximized
      tawk.open()
      expect(emit).toHaveBeenCalledTimes(1)
    })
  })
})
