import { createConsentGate } from './consent/gate'
import { checkDecision, checkUserId, readInput } from './core/input'
import { buildTouchpoint, pendingRecord, type Draft } from './core/touchpoint'
import { createVisitor } from './identity/identity'
import { guard } from './lib/guard'
import { uuidv7 } from './lib/id'
import { createLatest } from './lib/latest'
import { onHidden } from './lib/onHidden'
import { pageViewProps, readPage } from './lib/page'
import { createReporter } from './lib/report'
import { watchRoutes } from './lib/routes'
import { resolveOptions } from './options'
import { createDrafts } from './storage/drafts'
import { createQueue } from './storage/queue'
import { createPoster } from './transport/collector'
import { createSender } from './transport/sender'
import type {
  CaptureContext,
  CaptureSetup,
  ConsentSource,
  FlushResult,
  PageInfo,
  Tracker,
  TrackerOptions,
} from './types'

/** What earlier pages left is sent this long after load (or within `intervalMs` if shorter). */
const LEFT_OVER_DELAY_MS = 1_000
// Put in by tsup's define; 'dev' where tests run the source directly.
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'
const NOTHING: FlushResult = { sent: 0, failed: 0, pending: 0 }

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

/**
 * Starts a tracker; `createTracker` is this without the hooks. It only wires the parts, each of
 * which owns its state: a touchpoint goes track → consent gate → drafts → queue → sender.
 */
export const startTracker = (options: TrackerOptions): Started => {
  const nothing = { tracker: inert(), attach: () => {}, follow: () => {} }
  if (typeof window === 'undefined' || typeof document === 'undefined') return nothing
  const report = createReporter(options?.onError, options?.debug)
  const o = resolveOptions(options, report)
  if (!o) return nothing
  const log = o.debug
    ? (message: string, detail?: unknown) => console.info(`[touchtrail] ${message}`, detail ?? '')
    : () => {}
  const context = { locale: navigator.language, screen: `${screen.width}x${screen.height}` }
  const stops: (() => void)[] = []
  let stopped = false

  const visitor = createVisitor(`${o.name}:id`, () => gate.state() === 'granted', o.linkDomains)
  const queue = createQueue(o.name, o.queueMax, report)
  const sender = createSender({
    queue,
    post: createPoster(o.collector, VERSION),
    maxEvents: o.maxEvents,
    maxBytes: o.maxBytes,
    intervalMs: o.intervalMs,
    name: o.name,
    max: o.queueMax,
    report,
    canSend: () => gate.state() === 'granted' && !stopped,
    log,
  })
  // Granted: the draft meets the visitor's ids and enters the durable queue.
  const drafts = createDrafts((draft) => {
    const ids = visitor.idsOf(draft.anonymousId)
    const built = buildTouchpoint(draft, ids, context, o.stages, uuidv7)
    visitor.moveTo(built.identity)
    sender.add(pendingRecord(draft.id, built.touchpoint))
  }, report)
  const sendOnHide = guard(report, 'hidden', () => {
    drafts.buildAll()
    sender.sendOnHide()
  })
  let hiding = false
  const gate = createConsentGate(
    o.name,
    o.consent === 'granted' ? 'granted' : 'required',
    {
      store: (draft) => {
        drafts.add(draft)
        // Tracked while the page hides (page_vitals is): it goes out with the rest, not next visit.
        if (hiding) queueMicrotask(sendOnHide)
      },
      grant: (held) => {
        visitor.restore()
        held.forEach(gate.admit)
        // Held touchpoints go at once: a visitor who accepts and leaves must not lose them. What
        // earlier pages left waits a second: a page that lives a moment would send it twice.
        sender.schedule(held.length ? 0 : Math.min(o.intervalMs, LEFT_OVER_DELAY_MS))
      },
      deny: () => {
        drafts.drop()
        visitor.forget()
        sender.purge().catch((cause) => report('internal', 'purge failed', cause))
      },
      log,
    },
    report,
  )

  const latest = createLatest()
  const track = (type: string, props: unknown = {}, page?: PageInfo): string | undefined => {
    if (stopped) return
    const input = readInput(type, props)
    if (typeof input === 'string') return void report('invalid_input', input)
    if (gate.state() === 'denied') return
    const id = uuidv7()
    const draft: Draft = {
      id,
      type,
      at: Date.now(),
      props: input.json,
      userId: visitor.ids().userId,
      anonymousId: visitor.ids().anonymousId,
      page: page ?? readPage(),
      arrival: visitor.takeArrival(),
    }
    latest.note(type, id)
    log(type, props)
    gate.admit(draft)
    return id
  }
  const guardedTrack = guard(report, 'track', track)

  const flush = async (): Promise<FlushResult> => {
    if (gate.state() !== 'granted') return { ...NOTHING, pending: gate.held() }
    drafts.buildAll()
    return sender.flush()
  }

  const tracker: Tracker = {
    track: guardedTrack as Tracker['track'],
    page: guard(report, 'page', (props?: object) =>
      track('page_view', { ...pageViewProps(), ...props }),
    ),
    identify: guard(report, 'identify', (userId: string, traits: Record<string, unknown> = {}) => {
      const problem = checkUserId(userId)
      if (problem) return void report('invalid_input', problem)
      if (gate.state() === 'denied') return
      drafts.buildAll() // what was tracked before keeps the identity it was tracked with
      visitor.identify(userId)
      return track('identify', { traits })
    }),
    reset: guard(report, 'reset', () => {
      drafts.buildAll()
      visitor.reset()
    }),
    consent: guard(report, 'consent', (decision: unknown) => {
      const problem = checkDecision(decision)
      if (problem) return report('invalid_input', problem)
      gate.decide(decision as 'granted' | 'denied')
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

  stops.push(
    gate.stop,
    onHidden(
      guard(report, 'hidden', () => {
        // Until the page has had a task more: if it is going away, that task never comes.
        hiding = true
        setTimeout(() => (hiding = false))
        sendOnHide()
        visitor.save()
      }),
    ),
  )
  const follow = (source: ConsentSource) => {
    const stop = gate.follow(source)
    if (stop) stops.push(stop)
  }
  const routes = watchRoutes()
  const captureContext: CaptureContext = {
    pageViewId: () => latest.of('page_view'),
    latest: latest.of,
    page: readPage,
    onRoute: routes.onRoute,
    linkDomains: o.linkDomains,
    visitor: () => (gate.state() === 'granted' ? visitor.ids() : undefined),
  }
  const attach = (setup: CaptureSetup) => {
    const stop = stopped || guard(report, 'capture', setup)(guardedTrack, captureContext)
    if (typeof stop === 'function') stops.push(stop)
  }
  gate.start()
  // Denied at load (remembered, or GPC): ids a `_tt` brought are not taken.
  if (gate.state() === 'denied') visitor.forget()
  if (typeof o.consent === 'function') follow(o.consent)
  o.captures.forEach(attach)
  return { tracker, attach, follow }
}
