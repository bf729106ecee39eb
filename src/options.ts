import type { Report } from './lib/report'
import type {
  CaptureSetup,
  CollectorOptions,
  ConsentSource,
  CustomTransport,
  StageRule,
  StageRules,
  TrackerOptions,
} from './types'

/** Options with every default applied and every number clamped. */
export interface Resolved {
  /** The collector option, checked: a URL is `{ url }`; `createPoster` turns it into requests. */
  collector: CollectorOptions | CustomTransport
  consent: 'required' | 'granted' | ConsentSource
  captures: CaptureSetup[]
  stages: StageRules
  maxEvents: number
  maxBytes: number
  intervalMs: number
  queueMax: number
  name: string
  debug: boolean
  linkDomains: string[]
}

const clamp = (value: unknown, low: number, high: number, fallback: number): number =>
  typeof value === 'number' && value === value ? Math.min(high, Math.max(low, value)) : fallback

/** Every default and clamp, in one place; undefined (and a report) when there is no collector. */
export const resolveOptions = (options: TrackerOptions, report: Report): Resolved | undefined => {
  const { collector, batch, queue } = options ?? {}
  const checked = checkCollector(collector)
  if (!checked) {
    report('config', 'createTracker() needs a collector')
    return undefined
  }
  const consent = options.consent ?? 'required'
  if (consent !== 'required' && consent !== 'granted' && typeof consent !== 'function') {
    report('config', `consent: unknown value; using 'required'`)
  }
  return {
    collector: checked,
    consent: consent === 'granted' || typeof consent === 'function' ? consent : 'required',
    captures: Array.isArray(options.capture) ? options.capture.filter(isFunction) : [],
    stages: checkRules(options.stages, report),
    maxEvents: clamp(batch?.maxEvents, 1, 500, 50),
    maxBytes: clamp(batch?.maxBytes, 1_000, 1_000_000, 60_000),
    intervalMs: clamp(batch?.intervalMs, 0, 600_000, 5_000),
    queueMax: clamp(queue?.maxEvents, 1, 1_000_000, 10_000),
    name: typeof queue?.name === 'string' && queue.name ? queue.name : 'touchtrail',
    debug: options.debug === true,
    linkDomains: hosts(options.linkDomains, report),
  }
}

// Host names in lower case: no scheme, port or path (`shop.example`, not `https://Shop.example/`).
const hosts = (list: unknown, report: Report): string[] =>
  ((list ?? []) as string[]).filter(
    (host) =>
      /^[a-z\d.-]+$/.test(host) || void report('config', `linkDomains: ${host} is not a host name`),
  )

const isFunction = (value: unknown): value is CaptureSetup => typeof value === 'function'

// A rule the stage function cannot use is dropped here, once, rather than tried on every touchpoint.
const checkRules = (rules: unknown, report: Report): StageRules => {
  const all: StageRule[] = Array.isArray(rules) ? rules : []
  const usable = all.filter(
    (rule) =>
      typeof rule?.type === 'string' &&
      typeof rule.stage === 'string' &&
      (rule.path === undefined || typeof rule.path === 'string' || rule.path instanceof RegExp),
  )
  if (usable.length < all.length) {
    report('config', 'stages: a rule of the wrong shape is skipped')
  }
  return usable
}

// A URL becomes `{ url }`; an object keeps what its type allows (a format must be a function).
const checkCollector = (
  collector: TrackerOptions['collector'] | undefined,
): Resolved['collector'] | undefined => {
  if (typeof collector === 'string' && collector) return { url: collector }
  if (typeof collector === 'function') return collector
  if (collector && typeof collector === 'object' && typeof collector.url === 'string') {
    const { format } = collector
    return { ...collector, format: typeof format === 'function' ? format : undefined }
  }
}
