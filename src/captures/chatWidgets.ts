import { quiet } from '../lib/guard'
import { poll } from '../lib/poll'
import type { CaptureSetup } from '../types'

/** A chat widget whose openings touchtrail can follow. */
export type ChatProvider =
  'intercom' | 'zendesk' | 'crisp' | 'tawk' | 'drift' | 'livechat' | 'hubspot'

/** Options for the chat widget capture. */
export interface ChatWidgetOptions {
  /** Widgets to follow. @defaultValue all of them */
  providers?: ChatProvider[]
  /** How long to look for a widget's script before giving up on it. @defaultValue 30000 */
  waitMs?: number
}

/**
 * The globals the widgets' scripts define: the script tag loads the adapters below only once one
 * of them appears (most pages have no chat widget).
 */
export const CHAT_GLOBALS = [
  'Intercom',
  'zE',
  '$crisp',
  'Tawk_API',
  'drift',
  'LiveChatWidget',
  'HubSpotConversations',
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Globals = Record<string, any>

// Hooks `open` onto a widget's documented API once its global is there; returns how to let go,
// or undefined while the global is missing (to be tried again).
type Adapter = (w: Globals, open: () => void) => (() => void) | undefined

type Handler = (...args: never[]) => unknown

// A widget API with on(event, handler) and off(event, handler); `events` maps its events to
// `show` and `hide`, which make one call to `open` per opening however often the API repeats it.
// With `ready`, handlers are added once the API says it is ready, as Drift asks.
const viaOn =
  (
    name: string,
    events: (show: () => void, hide: () => void) => [string, Handler][],
    ready?: boolean,
  ): Adapter =>
  (w, open) => {
    if (!w[name]?.on) return
    let shown = false
    const list = events(
      () => shown || ((shown = true), open()),
      () => (shown = false),
    )
    const attach = () => list.forEach(([event, handler]) => w[name].on(event, handler))
    if (ready) w[name].on('ready', attach)
    else attach()
    return () => list.forEach(([event, handler]) => w[name]?.off?.(event, handler))
  }

const ADAPTERS: Record<ChatProvider, Adapter> = {
  // https://developers.intercom.com/installing-intercom/web/methods#intercomonshow
  // Intercom has no way to remove a handler: after stop, `open` does nothing.
  intercom: (w, open) => w.Intercom && (w.Intercom('onShow', open), () => {}),
  // https://developer.zendesk.com/api-reference/widget-messaging/web/core/#on-open
  zendesk: (w, open) => {
    if (!w.zE) return
    // Recent versions return an unsubscribe function.
    const off = w.zE('messenger:on', 'open', open)
    return () => off?.()
  },
  // https://docs.crisp.chat/guides/chatbox-sdks/web-sdk/dollar-crisp/
  crisp: (w, open) => {
    const queue = w.$crisp
    // Crisp keeps one listener per event, the last one set (microsoft/clarity#979): once loaded,
    // setting ours would drop the site's unseen. Until then $crisp is a queue we can read, so we
    // take the site's chat:opened handler out of it, now and later, and call it from ours.
    if (!Array.isArray(queue)) return queue && (() => {})
    let site: ((...args: unknown[]) => void) | undefined
    const take = (commands: unknown[][]) =>
      commands.filter((command) => {
        // ['on' | 'off', 'chat:opened', …]: the only commands that name this event.
        if (command?.[1] !== 'chat:opened') return true
        site = command[0] === 'on' ? (command[2] as typeof site) : undefined
      })
    const rest = take(queue.splice(0))
    const push = queue.push
    queue.push(...rest, ['on', 'chat:opened', (...args: unknown[]) => (open(), site?.(...args))])
    queue.push = (...commands: unknown[][]) => push.apply(queue, take(commands))
    return () => w.$crisp === queue && (queue.push = push)
  },
  // https://developer.tawk.to/jsapi/#onChatMaximized
  tawk: (w, open) => {
    const api = w.Tawk_API
    if (!api) return
    let site = api.onChatMaximized
    const ours = function (this: unknown, ...args: unknown[]) {
      open()
      return site?.apply(this, args)
    }
    // An accessor: a handler the site sets later is chained behind ours, not put in its place.
    Object.defineProperty(api, 'onChatMaximized', {
      configurable: true,
      get: () => ours,
      set: (handler) => handler !== ours && (site = handler),
    })
    return () => {
      delete api.onChatMaximized
      api.onChatMaximized = site
    }
  },
  // https://devdocs.drift.com/docs/drift-events: chatOpen, and sidebarOpen from the legacy widget.
  drift: /* @__PURE__ */ viaOn(
    'drift',
    (show, hide) => [
      ['chatOpen', show],
      ['sidebarOpen', show],
      ['chatClose', hide],
      ['sidebarClose', hide],
    ],
    true,
  ),
  // https://platform.text.com/docs/extending-chat-widget/javascript-api#visibility-changed
  livechat: /* @__PURE__ */ viaOn('LiveChatWidget', (show, hide) => [
    [
      'visibility_changed',
      (data?: { visibility?: string }) => (data?.visibility === 'maximized' ? show() : hide()),
    ],
  ]),
  // https://developers.hubspot.com/docs/api/conversation/chat-widget-sdk#chat-events documents
  // no "opened" event: userInteractedWithWidget fires when the visitor clicks to open the widget
  // (also on other interactions, like dismissing the welcome message), widgetClosed on closing.
  hubspot: /* @__PURE__ */ viaOn('HubSpotConversations', (show, hide) => [
    ['userInteractedWithWidget', show],
    ['widgetClosed', hide],
  ]),
}

/**
 * Emits `chat_open` (trigger `widget`) each time a supported chat widget opens. Each widget's
 * script may load late: it is looked for now and then at doubling intervals for about 30 s.
 */
export const captureChatWidgets =
  (options: ChatWidgetOptions = {}): CaptureSetup =>
  (emit) => {
    let live = true
    const stops: (() => void)[] = []
    let pending = options.providers ?? (Object.keys(ADAPTERS) as ChatProvider[])
    const cancel = poll(() => {
      pending = pending.filter((provider) => {
        // A half-loaded widget may throw: quiet, and it is tried again on the next check.
        const stop = quiet(ADAPTERS[provider])(
          window as unknown as Globals,
          () => live && emit('chat_open', { provider, widget: provider, trigger: 'widget' }),
        )
        return !(stop && stops.push(stop))
      })
      return !pending.length
    }, options.waitMs)
    return () => {
      live = false
      cancel()
      // A widget that went away cannot be detached from, and need not be.
      stops.forEach((stop) => quiet(stop)())
    }
  }
