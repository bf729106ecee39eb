import { classifyArrival } from './core/channel'
import { step } from './core/consent'
import { checkProps } from './core/propsCheck'
import { toJson } from './core/serialize'
import { buildTouchpoint, PendingRecord, type Draft, type Identity } from './core/touchpoint'
import { guard } from './lib/guard'
import { uuidv7 } from './lib/id'
import { onHidden } from './lib/onHidden'
import { readPage } from './lib/page'
import { persist } from './lib/persist'
import { createReporter } from './lib/report'
import { resolveOptions } from './options'
import { createQueue } from './storage/queue'
import { createSender } from './transport/sender'
import { watchRoutes } from './lib/routes'
import type {
  CaptureContext,
  CaptureSetup,
  Emit,
  PageInfo,
  ConsentSource,
  ConsentState,
  FlushResult,
  Tracker,
  TrackerOptions,
} from './types'

/** Most touchpoints held in memory before consent; past it the oldest are dropped. */
export const MAX_HELD = 1_000
/** What earlier pages left is sent this long after load (or within `intervalMs` if shorter). */
const LEFT_OVER_DELAY_MS = 1_000
/** Most envelopes built in one task after a burst of track() calls. */
const BUILDS_PER_TASK = 200
/** Largest props, as JSON; larger touchpoints are dropped (a beacon carries 64 KiB). */
export const MAX_PROPS_BYTES = 32_000
// Put in by tsup's define; 'dev' where tests run the source directly.
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'
const NOTHING: FlushResult = { sent: 0, failed: 0, pending: 0 }
const TYPE = /^[A-Za-z][\w:.-]{0,63}$/
const shown = (value: unknown) => String(value).slice(0, 40)

/** A tracker that does nothing: no window (server rendering) or no collector. */
const inert = (): Tracker => ({
  track: () => undefined,
  page: () => undefined,
  identify: () => undefined,
  reset: () => {},
  consent: () => {},
  flush: async () => NOTHING,
  shutdown: async () => {},
})

/** Creates a tracker; it holds everything until consent unless told the site has it. */
export const createTracker = (options: TrackerOptions): Tracker => {
  try {
    return startTracker(options).tracker
  } catch (error) {
    // Options of a shape no type allows (null where an object goes): inert, never a page error.
    console.error('[touchtrail] could not start', error)
    return inert()
  }
}

/** A tracker, and hooks for the script tag to add captures and a consent source it loads later. */
export interface Started {
  tracker: Tracker
  attach: (setup: CaptureSetup) => void
  follow: (source: ConsentSource) => void
}

/** Starts a tracker; `createTracker` is this without the hooks. */
export const startTracker = (options: TrackerOptions): Started => {
  const nothing = { tracker: inert(), attach: () => {}, follow: () => {} }
  if (typeof window === 'undefined' || typeof document === 'undefined') return nothing
  const report = createReporter(options?.onError, options?.debug)
  const o = resolveOptions(options, report)
  if (!o) return nothing
  const log = o.debug
    ? (message: string, detail?: unknown) => console.info(`[touchtrail] ${message}`, detail ?? '')
    : () => {}
  const consentKey = `${o.name}:consent`
  const idKey = `${o.name}:id`
  const context = { locale: navigator.language, screen: `${screen.width}x${screen.height}` }
  const queue = createQueue(o.name, o.queueMax, report)
  const fresh = (): Identity => ({ anonymousId: uuidv7(), userId: null })
  const stops: (() => void)[] = []

  let state: ConsentState = 'pending'
  let identity = fresh()
  let held: Draft[] = []
  let arrival = classifyArrival(location.href, document.referrer)
  let pageViewId: string | undefined
  let stopped = false
  let hiding = false
  // Global Privacy Control: only the site's own consent('granted') lifts it, not a CMP's default.
  let gpc = (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true

  const sender = createSender({
    ...o,
    queue,
    lockName: `${o.name}:sender`,
    version: VERSION,
    report,
    canSend: () => state === 'granted' && !stopped,
    log,
  })

  const saveIdentity = () => state === 'granted' && persist.set(idKey, toJson(identity))
  const storedIdentity = (): Identity | undefined => {
    try {
      const stored = JSON.parse(persist.get(idKey) ?? 'null') as Identity | null
      return typeof stored?.anonymousId === 'string' ? stored : undefined
    } catch {
      return undefined // Unreadable: start afresh rather than fail.
    }
  }

  // Granted: the draft meets the visitor's ids and enters the durable queue.
  const enqueue = (draft: Draft) => {
    const built = buildTouchpoint(draft, identity, context, o.stages, uuidv7)
    const started = built.identity.session?.id !== identity.session?.id
    identity = built.identity
    if (started) saveIdentity() // other tabs join this session rather than start their own
    queue.add(new PendingRecord(draft.id, built.touchpoint))
    sender.schedule()
  }
  // Envelopes are built in the task after track(), not in it: a page's burst of calls stays
  // short. Whatever reads the queue or changes the identity builds what is waiting first.
  let unbuilt: Draft[] = []
  const build = (count = Infinity) => unbuilt.splice(0, count).forEach(enqueue)
  // A few hundred a task: a burst's envelopes are not one long task after the page's own.
  const buildSoon = guard(report, 'build', () => {
    build(BUILDS_PER_TASK)
    if (unbuilt.length) setTimeout(buildSoon)
  })
  const store = (draft: Draft) => {
    if (unbuilt.push(draft) === 1) setTimeout(buildSoon)
    // Tracked while the page hides (page_vitals is): it goes out with the rest, not next visit.
    if (hiding) queueMicrotask(sendOnHide)
  }
  const sendOnHide = guard(report, 'hidden', () => {
    build()
    sender.sendOnHide()
  })

  const apply = (next: ConsentState) => {
    const change = step(state, next)
    state = change.state
    for (const effect of change.effects) {
      if (effect === 'remember-grant') persist.set(consentKey, 'granted')
      if (effect === 'remember-denial') persist.set(consentKey, 'denied')
      if (effect === 'release') {
        // A grant from an earlier visit wins for the ids; this page's userId wins if it has one.
        const stored = storedIdentity()
        if (stored) identity = { ...stored, userId: identity.userId ?? stored.userId }
        held.splice(0).forEach(store)
        saveIdentity()
      }
      if (effect === 'drop-held') held = []
      if (effect === 'purge') {
        unbuilt = []
        persist.remove(idKey)
        identity = fresh()
        queue.purge().catch((cause) => report('internal', 'purge failed', cause))
      }
    }
    if (change.effects.length) log(`consent ${state}`)
  }

  const latest = new Map<string, string>()
  const routes = watchRoutes()
  const track = (type: string, props: unknown = {}, page?: PageInfo): string | undefined => {
    if (stopped) return
    if (typeof type !== 'string' || !TYPE.test(type)) {
      return void report(
        'invalid_input',
        `track(): type must be a name like 'chat_open', not ${shown(type)}`,
      )
    }
    if (typeof props !== 'object' || !props || Array.isArray(props)) {
      return void report('invalid_input', `track('${type}'): props must be an object; dropped`)
    }
    if (state === 'denied') return
    const checked = checkProps(type, props as Record<string, unknown>)
    if (typeof checked === 'string') return void report('invalid_input', checked)
    const json = toJson(checked)
    if (json.length > MAX_PROPS_BYTES) {
      return void report(
        'invalid_input',
        `track('${type}'): props over ${MAX_PROPS_BYTES} bytes; dropped`,
      )
    }
    const id = uuidv7()
    const draft: Draft = {
      id,
      type,
      at: Date.now(),
      props: json,
      userId: identity.userId,
      page: page ?? readPage(),
      arrival,
    }
    arrival = undefined
    if (type === 'page_view') ((pageViewId = id), latest.clear())
    latest.set(type, id)
    log(type, props)
    if (state === 'granted') store(draft)
    else if (held.push(draft) > MAX_HELD) {
      held.shift()
      report(
        'queue_overflow',
        `over ${MAX_HELD} touchpoints before consent: the oldest are dropped`,
      )
    }
    return id
  }

  const flush = async (): Promise<FlushResult> => {
    if (state !== 'granted') return { ...NOTHING, pending: held.length }
    build()
    return sender.flush()
  }

  const tracker: Tracker = {
    // Not guard(): its rest and spread cost a page's burst of calls more than the rest of track().
    track: ((type: string, props?: unknown) => {
      try {
        return track(type, props)
      } catch (cause) {
        report('internal', 'track() failed', cause)
      }
    }) as Tracker['track'],
    page: guard(report, 'page', (props?: object) =>
      track('page_view', {
        path: location.pathname,
        title: document.title,
        referrer: readPage().referrer,
        ...props,
      }),
    ),
    identify: guard(report, 'identify', (userId: string, traits: Record<string, unknown> = {}) => {
      if (typeof userId !== 'string' || !userId || userId.length > 256) {
        return void report(
          'invalid_input',
          'identify(): userId must be a string of 1 to 256 characters',
        )
      }
      if (state === 'denied') return
      build() // what was tracked before keeps the identity it was tracked with
      identity = { ...identity, userId }
      saveIdentity()
      return track('identify', { traits })
    }),
    reset: guard(report, 'reset', () => {
      build()
      identity = fresh()
      saveIdentity()
    }),
    consent: guard(report, 'consent', (decision: unknown) => {
      if (decision !== 'granted' && decision !== 'denied') {
        return report(
          'invalid_input',
          `consent() takes 'granted' or 'denied', not ${shown(decision)}`,
        )
      }
      if (decision === 'granted') gpc = false
      apply(decision)
    }),
    // The sender never rejects; the catch is for the host page's sake all the same.
    flush: () => flush().catch(() => NOTHING),
    shutdown: async () => {
      if (stopped) return
      stops.splice(0).forEach((stop) => guard(report, 'stop', stop)())
      await flush().catch(() => undefined)
      stopped = true
      sender.stop()
    },
  }

  // Where the tracker starts: a remembered decision, else the option; GPC turns both to denial.
  const remembered = persist.get(consentKey)
  const initial =
    remembered === 'granted' || remembered === 'denied'
      ? remembered
      : o.consent === 'granted'
        ? 'granted'
        : 'pending'
  if (gpc && initial !== 'denied') apply('denied')
  else if ((state = initial) === 'granted') {
    identity = storedIdentity() ?? identity
    saveIdentity()
    // What earlier pages left goes a second after load, not at once: a page that lives only a
    // moment (quick navigation) would lose the answer of a send it started and send twice.
    sender.schedule(Math.min(o.intervalMs, LEFT_OVER_DELAY_MS))
  }

  const onStorage = guard(report, 'storage', (event: StorageEvent) => {
    // Another tab of the site decided: follow it, so a denial there purges here too.
    const next = event.key === consentKey && event.newValue
    if (next === 'granted' || next === 'denied') apply(next)
  })
  addEventListener('storage', onStorage)
  stops.push(
    () => removeEventListener('storage', onStorage),
    onHidden(
      guard(report, 'hidden', () => {
        // Until the page has had a task more: if it is going away, that task never comes.
        hiding = true
        setTimeout(() => (hiding = false))
        sendOnHide()
        saveIdentity()
      }),
    ),
  )
  const follow = (source: ConsentSource) => {
    const update = (next: ConsentState) => (gpc && next === 'granted') || apply(next)
    const stop = guard(report, 'consent source', source)(guard(report, 'consent source', update))
    if (stop) stops.push(stop)
  }
  const emit = guard(report, 'capture', track)
  const attach = (setup: CaptureSetup) => {
    const context: CaptureContext = {
      pageViewId: () => pageViewId,
      latest: (type) => latest.get(type),
      page: readPage,
      onRoute: routes.onRoute,
    }
    const stop = stopped || guard(report, 'capture', setup)(emit as Emit, context)
    if (typeof stop === 'function') stops.push(stop)
  }
  if (typeof o.consent === 'function') follow(o.consent)
  o.captures.forEach(attach)
  return { tracker, attach, follow }
}
