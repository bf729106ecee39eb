/** How a session arrived: decided at its first touchpoint from UTM parameters, click ids and the referrer. */
export type Channel =
  | 'direct'
  | 'organic_search'
  | 'paid_search'
  | 'social'
  | 'paid_social'
  | 'email'
  | 'referral'
  | 'display'
  | 'affiliate'

/** A step of the customer journey, in order. */
export type Stage = 'awareness' | 'consideration' | 'purchase' | 'retention' | 'advocacy'

/** Props of each touchpoint type; add your own with `declare module 'touchtrail'`. */
export interface TouchpointProps {
  /** A page was shown: on load and on every SPA route change. */
  page_view: { path: string; title: string; referrer: string }
  /** A form was submitted; `fields` are control names, never values. */
  form_submit: { formId: string; fields: string[]; action: string }
  /** A chat widget opened. */
  chat_open: { provider: string; widget?: string; trigger: 'click' | 'widget' | 'api' }
  /** A review was at least half visible, in a visible tab, long enough to be read. */
  review_read: { reviewId: string; productId?: string; rating?: number; dwellMs: number }
  /** Web vitals of a page, sent when it is hidden. */
  page_vitals: {
    lcp?: number
    inp?: number
    cls?: number
    fcp?: number
    ttfb?: number
    pageViewId: string
  }
  /** `identify()` linked the visitor to a known user. */
  identify: { traits: Record<string, unknown> }
  /** The visitor answered a satisfaction question, optionally about one touchpoint. */
  feedback: {
    scale: FeedbackScale
    score: number
    question?: string
    about?: { type: string; touchpointId?: string }
  }
  /** A form was changed, then left without a submit; `fields` are names, never values. */
  form_abandon: { formId: string; fields: string[]; lastField: string | null; dwellMs: number }
  /** Three or more quick clicks on one element; `target` is a short element path, never text. */
  rage_click: { target: string; clicks: number }
  /** A purchase; `currency` is an ISO 4217 code. */
  purchase: { orderId: string; value: number; currency: string }
}

/** A satisfaction scale: `csat` 1–5, `nps` 0–10, `ces` 1–7, `thumbs` 0–1. */
export type FeedbackScale = 'csat' | 'nps' | 'ces' | 'thumbs'

/** A touchpoint type: a built-in one or one an app declared in `TouchpointProps`. */
export type TouchpointType = keyof TouchpointProps & string

/** The page a touchpoint happened on, with secret query parameters removed. */
export interface PageInfo {
  /** Full URL. */
  url: string
  /** Path of the URL. */
  path: string
  /** `document.title` when the touchpoint was built. */
  title: string
  /** Where the visitor came from (`document.referrer`, or the previous SPA route). */
  referrer: string
}

/** The campaign a session came from, from UTM parameters and click ids. */
export interface Campaign {
  /** `utm_source`, or the click id's network. */
  source?: string
  /** `utm_medium`. */
  medium?: string
  /** `utm_campaign`. */
  name?: string
  /** `utm_term`. */
  term?: string
  /** `utm_content`. */
  content?: string
  /** Name of the ad click id present (`gclid`, `fbclid`, …). */
  clickId?: string
}

/** What is known about the visitor's device and campaign. */
export interface TouchpointContext {
  /** Campaign of the session, when it had one. */
  campaign?: Campaign
  /** `navigator.language`. */
  locale?: string
  /** `screen.width` x `screen.height`. */
  screen?: string
}

/** A touchpoint as it is queued and sent. */
export interface Touchpoint<T extends string = string> {
  /** Unique; the same on every retry, so collectors can deduplicate. */
  id: string
  /** The touchpoint type. */
  type: T
  /** When it happened, by the client's clock (ISO-8601). */
  ts: string
  /** Random id of this browser, kept until `reset()` or denial. */
  anonymousId: string
  /** Id of the session: ends after 30 minutes without a touchpoint or with a new campaign. */
  sessionId: string
  /** Set by `identify()`. */
  userId: string | null
  /** How the session arrived. */
  channel: Channel
  /** Journey stage from the stage rules; absent when no rule matches. */
  stage?: Stage
  /** The page it happened on. */
  page: PageInfo
  /** The type's props. */
  props: T extends TouchpointType ? TouchpointProps[T] : Record<string, unknown>
  /** Campaign, locale and screen. */
  context: TouchpointContext
}

/** The body of one request to the collector. */
export interface Batch {
  /** When the request was made (ISO-8601). */
  sentAt: string
  /** Which SDK sent it. */
  sdk: { name: 'touchtrail'; version: string }
  /** The touchpoints, oldest first. */
  batch: Touchpoint[]
}

/** A consent decision the site or the visitor makes. */
export type ConsentDecision = 'granted' | 'denied'

/** Where the tracker stands: `pending` holds touchpoints in memory, `granted` stores and sends. */
export type ConsentState = 'pending' | 'granted' | 'denied'

/** A consent source: watches a CMP and reports each state, now and on every change; returns stop. */
export type ConsentSource = (update: (state: ConsentState) => void) => () => void

/** What `flush()` did. */
export interface FlushResult {
  /** Acknowledged by the collector during this flush. */
  sent: number
  /** Tried during this flush and failed; still queued. */
  failed: number
  /** Still queued and not tried, or held in memory before consent. */
  pending: number
}

/** A problem the SDK met and handled; reported once per kind. */
export interface TouchtrailError {
  /** Stable code to branch on. */
  code:
    | 'invalid_input'
    | 'storage_unavailable'
    | 'storage_quota'
    | 'queue_overflow'
    | 'batch_rejected'
    | 'delivery_failed'
    | 'config'
    | 'internal'
  /** What happened, for people. */
  message: string
  /** The underlying error or response, when there is one. */
  cause?: unknown
}

/**
 * Turns a batch into the body another kind of collector expects. `compression` is the value of
 * the `compression` query parameter it takes for gzipped bodies; without it, never compressed.
 */
export interface BodyFormat {
  (batch: Batch): unknown
  compression?: string
}

/** Sends one batch; resolve on success, reject (optionally with `{ status }`) on failure. */
export type CustomTransport = (batch: Batch) => Promise<void>

/** Where and how to send batches. */
export interface CollectorOptions {
  /** Collector URL. */
  url: string
  /** Extra request headers; setting any makes requests non-simple (CORS preflight). */
  headers?: Record<string, string>
  /** Gzips bodies of 1,024 bytes or more (where the browser can), with `compression=gzip` in the URL. @defaultValue false */
  compress?: boolean
  /** Reshapes each body for a collector that wants another format, e.g. `segmentFormat({ writeKey })`. */
  format?: BodyFormat
}

/** How touchpoints are grouped into requests. */
export interface BatchOptions {
  /** Most touchpoints in one request. @defaultValue 50 */
  maxEvents?: number
  /** Most bytes in one request body. @defaultValue 60000 */
  maxBytes?: number
  /** How long a touchpoint may wait before a send starts. @defaultValue 5000 */
  intervalMs?: number
}

/** The durable queue. */
export interface QueueOptions {
  /** Most touchpoints kept; past it the oldest are dropped and counted. @defaultValue 10000 */
  maxEvents?: number
  /** Name of the IndexedDB database and the storage keys; tabs of one site share it. @defaultValue 'touchtrail' */
  name?: string
}

/** One stage rule: touchpoints of `type` (on pages matching `path`) get `stage`. */
export interface StageRule {
  /** Touchpoint type the rule applies to. */
  type: string
  /** Path pattern: a RegExp, or a string where `*` matches anything. */
  path?: string | RegExp
  /** The stage given. */
  stage: Stage
}

/** Stage rules, tried in order before the defaults; the first match wins. */
export type StageRules = StageRule[]

/** Options of `createTracker`. */
export interface TrackerOptions {
  /** Collector URL, collector options, or a custom transport. */
  collector: string | CollectorOptions | CustomTransport
  /** `required` holds everything until consent; `granted` when the site has it already; or a source. @defaultValue 'required' */
  consent?: 'required' | 'granted' | ConsentSource
  /** Automatic captures to run, e.g. `[capturePageViews(), captureReviewReads({ dwellMs: 3000 })]`. */
  capture?: CaptureSetup[]
  /**
   * The brand's other sites, as host names (`['shop.example', 'blog.example']`; subdomains count):
   * a visit from one goes on as the same visitor and session, and with the `decorateLinks()`
   * capture a link followed to one carries the visitor's random ids there (§6).
   */
  linkDomains?: string[]
  /** Journey stage rules, tried before the defaults. */
  stages?: StageRules
  /** Request batching. */
  batch?: BatchOptions
  /** The durable queue. */
  queue?: QueueOptions
  /** Logs every touchpoint and delivery to the console. */
  debug?: boolean
  /** Told about each distinct problem once. */
  onError?: (error: TouchtrailError) => void
}

/** The tracker `createTracker` returns; no method ever throws. */
export interface Tracker {
  /** Records a touchpoint; returns its id, or undefined if it was dropped. */
  track<T extends TouchpointType>(
    type: T,
    ...props: {} extends TouchpointProps[T]
      ? [props?: TouchpointProps[T]]
      : [props: TouchpointProps[T]]
  ): string | undefined
  /** Records a `page_view` with the page fields filled in. */
  page(props?: Partial<TouchpointProps['page_view']>): string | undefined
  /** Links later touchpoints to a known user and records an `identify` touchpoint. */
  identify(userId: string, traits?: Record<string, unknown>): string | undefined
  /** Forgets userId and anonymousId (log-out). */
  reset(): void
  /** Records the visitor's decision; denial deletes the queue and ids. */
  consent(decision: ConsentDecision): void
  /** Delivers what is queued now; never rejects. */
  flush(): Promise<FlushResult>
  /** Stops captures and timers, then flushes once. */
  shutdown(): Promise<void>
}

/**
 * Hands a touchpoint from a capture to the tracker, checked against `TouchpointProps`; returns its
 * id, or undefined if dropped. `page` is the page it belongs to when that is no longer the page
 * shown (a form left behind by an SPA route change); by default the page as it is now.
 */
export type Emit = <T extends TouchpointType>(
  type: T,
  props: TouchpointProps[T],
  page?: PageInfo,
) => string | undefined

/** What a capture may ask of the tracker besides emitting: the one door into it. */
export interface CaptureContext {
  /** Id of the latest `page_view` emitted, if any. */
  pageViewId(): string | undefined
  /** Id of the latest touchpoint of `type` tracked since the latest `page_view`, if any. */
  latest(type: string): string | undefined
  /** The page as it is now, secret query parameters removed: keep it to emit for it later. */
  page(): PageInfo
  /**
   * Calls `listener` at each SPA route change (`pushState`, `replaceState`, `popstate`), right
   * after the history call; one history watcher serves every capture. Returns stop.
   */
  onRoute(listener: () => void): () => void
  /** The brand's other sites, from the `linkDomains` option (§6). */
  linkDomains: readonly string[]
  /** The visitor's random ids while consent is granted, else undefined: for links to those sites. */
  visitor(): VisitorIds | undefined
}

/** The random ids a link to one of the brand's sites carries: never the userId or traits. */
export interface VisitorIds {
  anonymousId: string
  /** The session, while it lasts: its id, its latest touchpoint (ms since epoch) and channel. */
  session?: { id: string; lastAt: number; channel: Channel }
}

/** A capture made ready with its options: sets up listeners, returns a function that undoes exactly that. */
export type CaptureSetup = (emit: Emit, context: CaptureContext) => () => void
