import { captureChatOpens } from './captures/chatOpen'
import { captureFormSubmits } from './captures/formSubmit'
import { capturePageViews } from './captures/pageView'
import { captureReviewReads } from './captures/reviewRead'
import { startTracker } from './tracker'
import type { CaptureSetup, Tracker } from './types'

/** `window.touchtrail`: callable as touchtrail(method, …args), and carrying the methods. */
type Api = ((method: string, ...args: unknown[]) => unknown) &
  Partial<Tracker> & { q?: IArguments[] }

const CAPTURES: Record<string, () => CaptureSetup> = {
  page_view: capturePageViews,
  form_submit: captureFormSubmits,
  chat_open: captureChatOpens,
  review_read: captureReviewReads,
}
const DEFAULT_CAPTURE = 'page_view,form_submit,chat_open,review_read'

const start = () => {
  const w = window as unknown as { touchtrail?: Api }
  // currentScript is set while an async classic script runs; the query covers a copied tag.
  const tag = (document.currentScript ??
    document.querySelector('script[data-collector]')) as HTMLScriptElement | null
  const data = tag?.dataset ?? {}
  if (!data.collector) {
    console.error('[touchtrail] the script tag has no data-collector: nothing is recorded')
    return
  }
  const queued = Array.from(w.touchtrail?.q ?? [])
  const names = (data.capture ?? DEFAULT_CAPTURE).split(',').map((name) => name.trim())
  const consent = data.consent ?? 'required'
  const { tracker, attach, follow } = startTracker({
    collector: data.collector,
    consent: consent === 'granted' ? consent : 'required',
    capture: names.map((name) => CAPTURES[name]?.()).filter(Boolean),
    debug: data.debug === 'true',
    linkDomains: data.linkDomains?.match(/[^\s,]+/g) ?? [],
  })

  // Heavier parts load from beside this script only when asked for, so the tag stays small:
  // web-vitals for `vitals`, the widget adapters for `chat_open`, the CMP adapters for a source,
  // the link decoration for `data-link-domains`.
  const load = <M>(file: string, use: (module: M) => void) =>
    import(new URL(file, tag?.src || location.href).href).then(use, (error) =>
      console.error(`[touchtrail] could not load ${file}`, error),
    )
  if (names.includes('vitals')) {
    load<typeof import('./captures/vitals')>('touchtrail.vitals.js', (m) =>
      attach(m.captureVitals()),
    )
  }
  if (names.includes('chat_open')) {
    load<typeof import('./captures/chatWidgets')>('touchtrail.chat.js', (m) =>
      attach(m.captureChatWidgets()),
    )
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
