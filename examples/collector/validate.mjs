// Checks a request body against SPEC §5 and turns each good touchpoint into a table row.
// The body as a whole is all-or-nothing (400); touchpoints inside it are judged one by one,
// so one bad touchpoint from a buggy capture does not cost the visitor the rest of the batch.

export const CHANNELS = [
  'direct',
  'organic_search',
  'paid_search',
  'social',
  'paid_social',
  'email',
  'referral',
  'display',
  'affiliate',
]
export const STAGES = ['awareness', 'consideration', 'purchase', 'retention', 'advocacy']

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/
const TYPE_NAME = /^[A-Za-z][\w.:-]{0,63}$/
const MAX_REASONS = 20

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)
const isText = (value, max) => typeof value === 'string' && value.length > 0 && value.length <= max
const optionalText = (value, max) =>
  value === undefined || value === null || (typeof value === 'string' && value.length <= max)

/**
 * Parses a request body. Returns `{ error }` when the body is not a batch at all (with
 * `tooMany: true` when it holds more than `maxBatch` touchpoints: a 413, not a 400), otherwise
 * `{ rows, rejected, duplicates, reasons }`: rows to store (deduplicated by id), the count of
 * touchpoints refused, the count repeated within this body, and why some were refused.
 * @param {string} text
 */
export const parseBatch = (text, { maxBatch = Infinity } = {}) => {
  let body
  try {
    body = JSON.parse(text)
  } catch {
    return { error: 'body is not valid JSON' }
  }
  if (!isObject(body)) return { error: 'body must be a JSON object' }
  if (!Array.isArray(body.batch)) return { error: 'body.batch must be an array of touchpoints' }
  if (body.batch.length > maxBatch) {
    return { error: `batch holds more than ${maxBatch} touchpoints`, tooMany: true }
  }
  if (
    body.sentAt !== undefined &&
    !(typeof body.sentAt === 'string' && ISO_DATE.test(body.sentAt))
  ) {
    return { error: 'body.sentAt must be an ISO-8601 date' }
  }
  if (body.sdk !== undefined && !isObject(body.sdk)) return { error: 'body.sdk must be an object' }

  const rows = []
  const seen = new Set()
  const reasons = []
  let rejected = 0
  let duplicates = 0
  body.batch.forEach((touchpoint, index) => {
    const problem = checkTouchpoint(touchpoint)
    if (problem) {
      rejected += 1
      if (reasons.length < MAX_REASONS) {
        reasons.push({
          index,
          id: isText(touchpoint?.id, 200) ? touchpoint.id : null,
          reason: problem,
        })
      }
      return
    }
    if (seen.has(touchpoint.id)) {
      duplicates += 1
      return
    }
    seen.add(touchpoint.id)
    rows.push(toRow(touchpoint))
  })
  return { rows, rejected, duplicates, reasons }
}

/** What is wrong with one touchpoint, or undefined when it can be stored. */
const checkTouchpoint = (tp) => {
  if (!isObject(tp)) return 'not an object'
  if (!isText(tp.id, 100)) return 'id must be a non-empty string of at most 100 characters'
  if (typeof tp.type !== 'string' || !TYPE_NAME.test(tp.type))
    return 'type must be a name like page_view'
  if (typeof tp.ts !== 'string' || !ISO_DATE.test(tp.ts) || Number.isNaN(Date.parse(tp.ts))) {
    return 'ts must be an ISO-8601 date'
  }
  if (!isText(tp.anonymousId, 100)) return 'anonymousId must be a non-empty string'
  if (!isText(tp.sessionId, 100)) return 'sessionId must be a non-empty string'
  if (!optionalText(tp.userId, 200)) return 'userId must be a string or null'
  if (!CHANNELS.includes(tp.channel)) return `channel must be one of ${CHANNELS.join(', ')}`
  if (tp.stage !== undefined && tp.stage !== null && !STAGES.includes(tp.stage)) {
    return `stage must be one of ${STAGES.join(', ')}`
  }
  if (!isObject(tp.page) || typeof tp.page.url !== 'string' || tp.page.url.length > 8_000) {
    return 'page.url must be a string'
  }
  for (const key of ['path', 'title', 'referrer']) {
    if (!optionalText(tp.page[key], 8_000)) return `page.${key} must be a string`
  }
  if (!isObject(tp.props)) return 'props must be an object'
  if (tp.context !== undefined && !isObject(tp.context)) return 'context must be an object'
  return PROPS_CHECKS[tp.type]?.(tp.props)
}

// The score range of each feedback scale (SPEC §3, "Satisfaction and friction").
const SCALES = { csat: [1, 5], nps: [0, 10], ces: [1, 7], thumbs: [0, 1] }
const CURRENCY = /^[A-Z]{3}$/

/** Checks of the props of the types the collector computes with; others are free-form. */
const PROPS_CHECKS = {
  feedback: (props) => {
    const range = SCALES[props.scale]
    if (!range) return `props.scale must be one of ${Object.keys(SCALES).join(', ')}`
    const [low, high] = range
    if (!Number.isInteger(props.score) || props.score < low || props.score > high) {
      return `props.score must be an integer from ${low} to ${high} on ${props.scale}`
    }
    if (!optionalText(props.question, 200)) return 'props.question must be at most 200 characters'
    if (props.about !== undefined) {
      if (!isObject(props.about) || !TYPE_NAME.test(props.about.type ?? '')) {
        return 'props.about must be { type, touchpointId? }'
      }
      if (!optionalText(props.about.touchpointId, 100)) {
        return 'props.about.touchpointId must be a string'
      }
    }
    return undefined
  },
  purchase: (props) => {
    if (!isText(props.orderId, 200)) return 'props.orderId must be a non-empty string'
    if (typeof props.value !== 'number' || !Number.isFinite(props.value) || props.value < 0) {
      return 'props.value must be a number of at least 0'
    }
    if (typeof props.currency !== 'string' || !CURRENCY.test(props.currency)) {
      return 'props.currency must be an ISO 4217 code like EUR'
    }
    return undefined
  },
}

const toRow = (tp) => ({
  id: tp.id,
  type: tp.type,
  // Normalised so DuckDB never meets a spelling JavaScript accepts and it does not.
  ts: new Date(tp.ts).toISOString(),
  anonymousId: tp.anonymousId,
  sessionId: tp.sessionId,
  userId: tp.userId ?? null,
  channel: tp.channel,
  stage: tp.stage ?? null,
  pageUrl: tp.page.url,
  pagePath: tp.page.path ?? null,
  pageTitle: tp.page.title ?? null,
  referrer: tp.page.referrer ?? null,
  props: JSON.stringify(tp.props),
  context: JSON.stringify(tp.context ?? {}),
})
