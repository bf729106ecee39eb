import type { Report } from './lib/report'
import { createHttpPost, type Post } from './transport/http'
import { toJson } from './core/serialize'
import type { Batch, CaptureSetup, ConsentSource, StageRules, TrackerOptions } from './types'

/** Options with every default applied and every number clamped. */
export interface Resolved {
  post: Post
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
  const post = toPost(collector)
  if (!post) {
    report('config', 'createTracker() needs a collector: a URL, { url }, or a function')
    return undefined
  }
  const consent = options.consent ?? 'required'
  if (consent !== 'required' && consent !== 'granted' && typeof consent !== 'function') {
    report('config', `consent must be 'required', 'granted' or a consent source; using 'required'`)
  }
  return {
    post,
    consent: consent === 'granted' || typeof consent === 'function' ? consent : 'required',
    captures: Array.isArray(options.capture) ? options.capture.filter(isFunction) : [],
    stages: Array.isArray(options.stages) ? options.stages : [],
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
      /^[a-z\d.-]+$/.test(host) ||
      void report('config', `linkDomains takes host names like shop.example, not ${host}`),
  )

const isFunction = (value: unknown): value is CaptureSetup => typeof value === 'function'

const toPost = (collector: TrackerOptions['collector'] | undefined): Post | undefined => {
  if (typeof collector === 'string' && collector) return createHttpPost(collector)
  if (typeof collector === 'function') return customPost(collector)
  if (collector && typeof collector === 'object' && typeof collector.url === 'string') {
    const { format } = collector
    const post = createHttpPost(collector.url, collector.headers)
    return typeof format === 'function'
      ? (body, keepalive) => post(toJson(format(JSON.parse(body) as Batch)), keepalive)
      : post
  }
}

// A custom transport gets the batch as an object; a rejection carrying `status` is read as that.
const customPost =
  (send: (batch: Batch) => Promise<void>): Post =>
  async (body) => {
    try {
      await send(JSON.parse(body) as Batch)
      return { status: 200, retryAfter: null }
    } catch (error) {
      const status = (error as { status?: unknown } | null)?.status
      return { status: typeof status === 'number' ? status : 0, retryAfter: null }
    }
  }
