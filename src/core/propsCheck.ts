// The lowest and highest score of each feedback scale (SPEC §3).
const SCALES: Record<string, number[]> = { csat: [1, 5], nps: [0, 10], ces: [1, 7], thumbs: [0, 1] }

const isString = (value: unknown): value is string => typeof value === 'string'
const isOptional = (value: unknown) => value === undefined || isString(value)

/**
 * Checks the props of the types `track()` checks whoever sends them (`feedback`, `purchase`):
 * the props to keep (a `question` cut to 200 characters), or a message saying why they are
 * dropped. One short message per type (it ships in every install); docs/errors.md has the rule.
 */
export const checkProps = (type: string, props: Record<string, any>): object | string => {
  const { scale, score, question, about, value } = props
  // Indexed, not destructured: a scale such as 'toString' finds no [0] and fails the range.
  const range = (isString(scale) && SCALES[scale]) || []
  const wrong =
    type === 'feedback'
      ? !(
          Number.isInteger(score) &&
          score >= range[0] &&
          score <= range[1] &&
          isOptional(question) &&
          (about === undefined || (isString(about?.type) && isOptional(about.touchpointId)))
        ) && 'a scale and a score in its range'
      : type === 'purchase' &&
        !(
          props.orderId &&
          isString(props.orderId) &&
          value >= 0 &&
          value < Infinity &&
          typeof value === 'number' &&
          isString(props.currency) &&
          /^[A-Z]{3}$/.test(props.currency)
        ) &&
        'orderId, value >= 0 and currency'
  if (wrong) return `track('${type}') needs ${wrong}`
  return type === 'feedback' && question?.length > 200
    ? { ...props, question: question.slice(0, 200) }
    : props
}
