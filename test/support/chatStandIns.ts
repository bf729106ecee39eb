// Stand-ins for chat widgets, each implementing the part of the vendor's documented API that
// captureChatWidgets uses, the way the vendor's snippet and script set it up. Each install
// function puts the global on `w` and returns what a visitor (or the site) would do with it.
type Fn = (...args: any[]) => unknown
type W = Record<string, any>

const emitter = () => {
  const handlers = new Map<string, Set<Fn>>()
  return {
    on: (event: string, handler: Fn) => {
      if (!handlers.has(event)) handlers.set(event, new Set())
      handlers.get(event)!.add(handler)
    },
    off: (event: string, handler: Fn) => handlers.get(event)?.delete(handler),
    fire: (event: string, ...args: unknown[]) => handlers.get(event)?.forEach((h) => h(...args)),
    count: (event: string) => handlers.get(event)?.size ?? 0,
  }
}

/** Intercom: `Intercom('onShow', fn)`, `Intercom('show')`, `Intercom('hide')`. */
export const installIntercom = (w: W) => {
  const events = emitter()
  w.Intercom = (command: string, arg?: Fn) => {
    if (command === 'onShow' || command === 'onHide') events.on(command, arg!)
    if (command === 'show') events.fire('onShow')
    if (command === 'hide') events.fire('onHide')
  }
  return {
    open: () => w.Intercom('show'),
    close: () => w.Intercom('hide'),
    attached: () => events.count('onShow') > 0,
    events,
  }
}

/** Zendesk messaging: `zE('messenger:on', 'open', fn)` returns unsubscribe; `zE('messenger', 'open')`. */
export const installZendesk = (w: W) => {
  const events = emitter()
  w.zE = (scope: string, name: string, handler?: Fn) => {
    if (scope === 'messenger:on') {
      events.on(name, handler!)
      return () => events.off(name, handler!)
    }
    if (scope === 'messenger' && name === 'open') events.fire('open', { type: 'messagingOpened' })
    if (scope === 'messenger' && name === 'close') events.fire('close')
  }
  return {
    open: () => w.zE('messenger', 'open'),
    close: () => w.zE('messenger', 'close'),
    attached: () => events.count('open') > 0,
    events,
  }
}

/**
 * Crisp: the snippet sets `$crisp = []`; the script replays it into an object keeping one handler
 * per event (the last `on` wins, `off` removes it), as Crisp does (microsoft/clarity#979).
 */
export const installCrispQueue = (w: W) => {
  w.$crisp = []
  const handlers = new Map<string, Fn>()
  const run = (command: unknown[]) => {
    const [verb, name, arg] = command as [string, string, Fn]
    if (verb === 'on') handlers.set(name, arg)
    if (verb === 'off') handlers.delete(name)
    if (verb === 'do' && name === 'chat:open') handlers.get('chat:opened')?.()
    if (verb === 'do' && name === 'chat:close') handlers.get('chat:closed')?.()
  }
  const load = () => {
    const queued = w.$crisp as unknown[][]
    w.$crisp = { push: (...commands: unknown[][]) => commands.forEach(run), is: () => false }
    queued.forEach(run)
  }
  return {
    load,
    open: () => w.$crisp.push(['do', 'chat:open']),
    attached: () =>
      Array.isArray(w.$crisp) && w.$crisp.some((c: unknown[]) => c[1] === 'chat:opened'),
    handlers,
  }
}

/** Tawk.to: the snippet sets `Tawk_API = {}`; the script calls `Tawk_API.onChatMaximized()`. */
export const installTawk = (w: W) => {
  w.Tawk_API = w.Tawk_API || {}
  const api = w.Tawk_API
  return {
    open: () => {
      api.maximized = true
      api.onChatMaximized?.()
    },
    close: () => api.onChatMinimized?.(),
    attached: () => !!Object.getOwnPropertyDescriptor(api, 'onChatMaximized')?.get,
    api,
  }
}

/** Drift: `drift.on('ready', fn)`, then `drift.on('chatOpen' | 'chatClose' | …, fn)`, `drift.off`. */
export const installDrift = (w: W, legacy = false) => {
  const events = emitter()
  w.drift = { on: events.on, off: events.off }
  const fire = (name: string) => events.fire(name, {})
  return {
    ready: () => events.fire('ready', w.drift, { chatOpen: false }),
    open: () => {
      if (legacy) fire('sidebarOpen')
      fire('chatOpen')
    },
    close: () => {
      if (legacy) fire('sidebarClose')
      fire('chatClose')
    },
    attached: () => events.count('ready') > 0,
    events,
  }
}

/** LiveChat: `LiveChatWidget.on('visibility_changed', fn)` with `{ visibility }`, `.off`, `.call`. */
export const installLiveChat = (w: W) => {
  const events = emitter()
  const set = (visibility: string) => events.fire('visibility_changed', { visibility })
  w.LiveChatWidget = {
    on: events.on,
    off: events.off,
    call: (method: string) => set(method === 'maximize' ? 'maximized' : 'minimized'),
  }
  return {
    open: () => w.LiveChatWidget.call('maximize'),
    close: () => w.LiveChatWidget.call('minimize'),
    hide: () => set('hidden'),
    attached: () => events.count('visibility_changed') > 0,
    events,
  }
}

/**
 * HubSpot: `HubSpotConversations.on/off`; opening fires `userInteractedWithWidget`, closing
 * `widgetClosed`; dismissing the welcome message fires `userInteractedWithWidget` too.
 */
export const installHubSpot = (w: W) => {
  const events = emitter()
  w.HubSpotConversations = {
    on: events.on,
    off: events.off,
    widget: {
      open: () => events.fire('userInteractedWithWidget', { message: 'opened' }),
      close: () => events.fire('widgetClosed', { message: 'closed' }),
    },
  }
  return {
    open: () => w.HubSpotConversations.widget.open(),
    close: () => w.HubSpotConversations.widget.close(),
    interact: () => events.fire('userInteractedWithWidget', { message: 'clicked' }),
    attached: () => events.count('userInteractedWithWidget') > 0,
    events,
  }
}
