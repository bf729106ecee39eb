import { captureChatOpens } from './captures/chatOpen'
import { CHAT_GLOBALS } from './captures/chatWidgets'
import { captureFormSubmits } from './captures/formSubmit'
import { capturePageViews } from './captures/pageView'
import { REVIEW_SELECTOR } from './captures/reviewRead'
import { poll } from './lib/poll'
import { startTracker } from './tracker'
import type { BodyFormat, CaptureSetup, Tracker } from './types'

/** `window.touchtrail`: callable as touchtrail(method, …args), and carrying the methods. */
type Api = ((method: string, ...args: unknown[]) => unknown) &
  Partial<Tracker> & { q?: IArguments[] }

const CAPTURES: Record<string, () => CaptureSetup> = {
  page_view: capturePageViews,
  form_submit: captureFormSubmits,
  chat_open: captureChatOpens,
}
const LAZY = [
  ['vitals', 'vitals', 'captureVitals'],
  ['feedback', 'feedback', 'captureFeedback'],
  ['form_abandon', 'formAbandon', 'captureFormAbandons'],
  ['rage_click', 'rageClick', 'captureRageClicks'],
]
const DEFAULT_CAPTURE = 'page_view,form_submit,chat_open,review_read'

const start = (format?: BodyFormat, script = document.currentScript) => {
  const w = window as unknown as { touchtrail?: Api }
  // currentScript is set while an async classic script runs; the query covers a copied tag.
  const tag = (script ??
    document.querySelector('script[data-collector]')) as HTMLScriptElement | null
  const data = tag?.dataset ?? {}
  if (!data.collector) {
    console.error('[touchtrail] the script tag has no data-collector: nothing is recorded')
    return
  }
  // Nothing may go out in the wrong shape: with data-format the tracker starts once the format's
  // chunk has loaded; calls made meanwhile wait in the stub's queue.
  if (data.format && !format) {
    const file = new URL('touchtrail.format.js', tag?.src || location.href).href
    return void import(file)
      .then((m: typeof import('./transport/formatByName')) =>
        start(m.formatByName(data.format as string, data.writeKey), tag),
      )
      .catch((error) => console.error('[touchtrail] could not start', error))
  }
  const queued = Array.from(w.touchtrail?.q ?? [])
  const names = (data.capture ?? DEFAULT_CAPTURE).split(',').map((name) => name.trim())
  const consent = data.consent ?? 'required'
  const { tracker, attach, follow } = startTracker({
    collector: { url: data.collector, compress: data.compress === 'true', format },
    consent: consent === 'granted' ? consent : 'required',
    capture: names.map((name) => CAPTURES[name]?.()).filter(Boolean),
    debug: data.debug === 'true',
    linkDomains: data.linkDomains?.match(/[^\s,]+/g) ?? [],
  })

  // Heavier parts load from beside this script only when asked for, so the tag stays small:
  // web-vitals for `vitals`, the widget adapters for `chat_open` once a widget's global appears,
  // the `review_read` capture once a review is on the page (most pages have neither), the link
  // decoration for `data-link-domains`, the CMP adapters for a source.
  const load = <M>(file: string, use: (module: M) => void) =>
    import(new URL(file, tag?.src || location.href).href).then(use, (error) =>
      console.error(`[touchtrail] could not load ${file}`, error),
    )
  // Opt-in captures, each its own chunk: `touchtrail.<file>.js` exports `<capture>`.
  for (const [name, file, capture] of LAZY) {
    if (names.includes(name)) {
      load<Record<string, () => CaptureSetup>>(`touchtrail.${file}.js`, (m) =>
        attach(m[capture]!()),
      )
    }
  }
  if (names.includes('chat_open')) {
    const globals = window as unknown as Record<string, unknown>
    poll(() => {
      const found = CHAT_GLOBALS.some((name) => globals[name])
      if (found) {
        load<typeof import('./captures/chatWidgets')>('touchtrail.chat.js', (m) =>
          attach(m.captureChatWidgets()),
        )
      }
      return found
    })
  }
  if (names.includes('review_read')) {
    // Once a review is there, now or rendered later (tabs, "load more", client routing).
    const found = () => {
      if (!document.querySelector(REVIEW_SELECTOR)) return
      added.disconnect()
      load<typeof import('./captures/reviewRead')>('touchtrail.review.js', (m) =>
        attach(m.captureReviewReads()),
      )
    }
    const added = new MutationObserver(found)
    added.observe(document.documentElement, { childList: true, subtree: true })
    found()
  }
  if (data.linkDomains) {
    load<typeof import('./identity/decorateLinks')>('touchtrail.link.js', (m) =>
      attach(m.decorateLinks()),
    )
  }
  if (consent !== 'granted' && consent !== 'required') {
    load<typeof import('./consent/byName')>('touchtrail.consent.js', (m) => {
      const source = m.consentSourceByName(consent)
      if (source) follow(source)
      else console.error(`[touchtrail] unknown data-consent="${consent}": consent stays required`)
    })
  }

  const methods = tracker as unknown as Record<string, (...args: unknown[]) => unknown>
  const api: Api = Object.assign((method: string, ...args: unknown[]) => {
    if (typeof methods[method] === 'function') return methods[method](...args)
    console.error(`[touchtrail] unknown method ${String(method)}`)
  }, tracker)
  w.touchtrail = api
  for (const args of queued) api(...(Array.from(args) as [string, ...unknown[]]))
}

try {
  start()
} catch (error) {
  // The host page must never see an exception from its analytics.
  console.error('[touchtrail] could not start', error)
}
