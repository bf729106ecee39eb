// The lowest and highest score of each feedback scale (SPEC §3).
const SCALES: Record<string, [number, number]> = {
  csat: [1, 5],
  nps: [0, 10],
  ces: [1, 7],
  thumbs: [0, 1],
}
const QUESTION_MAX = 200
const CURRENCY = /^[A-Z]{3}$/

const isString = (value: unknown): value is string => typeof value === 'string'

/**
 * Checks the props of the types `track()` checks whoever sends them (`feedback`, `purchase`):
 * the props to keep, a too long `question` cut, or a message saying why they are dropped.
 */
export const checkProps = (type: string, props: Record<string, unknown>): object | string => {
  const fail = (what: string) => `track('${type}'): ${what}; dropped`
  if (type === 'feedback') {
    const { scale, score, question, about } = props as {
      scale: unknown
      score: number
      question?: unknown
      about?: { type?: unknown; touchpointId?: unknown } | null
    }
    // hasOwnProperty: a scale named 'toString' is not one.
    const range = isString(scale) && {}.hasOwnProperty.call(SCALES, scale) && SCALES[scale]
    if (!range) return fail(`scale must be csat, nps, ces or thumbs, not ${show(scale)}`)
    if (!Number.isInteger(score) || score < range[0] || score > range[1]) {
      return fail(`score must be an integer from ${range[0]} to ${range[1]}, not ${show(score)}`)
    }
    if (question !== undefined && !isString(question)) return fail('question must be a string')
    if (
      about !== undefined &&
      !(isString(about?.type) && (about.touchpointId === undefined || isString(about.touchpointId)))
    ) {
      return fail('about must be { type: string, touchpointId?: string }')
    }
    if (question && question.length > QUESTION_MAX) {
      return { ...props, question: question.slice(0, QUESTION_MAX) }
    }
  }
  if (type === 'purchase') {
    const { orderId, value, currency } = props
    if (!isString(orderId) || !orderId) return fail('orderId must be a non-empty string')
    // A finite number: NaN, Infinity and "9.99" are not.
    if (!(typeof value === 'number' && value >= 0 && value < Infinity)) {
      return fail(`value must be a finite number ≥ 0, not ${show(value)}`)
    }
    if (!isString(currency) || !CURRENCY.test(currency)) {
      return fail(`currency must be an ISO 4217 code such as 'EUR', not ${show(currency)}`)
    }
  }
  return props
}

// A value as a message shows it: strings quoted, so "4" reads apart from 4.
// Not String() of an object: one without a prototype would throw.
const show = (value: unknown) =>
  isString(value)
    ? `'${value.slice(0, 40)}'`
    : typeof value === 'object' && value
      ? 'an object'
      : String(value)
