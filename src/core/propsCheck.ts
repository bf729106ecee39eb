// The lowest and highest score of each feedback scale (SPEC §3).
const SCALES: Record<string, number[]> = { csat: [1, 5], nps: [0, 10], ces: [1, 7], thumbs: [0, 1] }

const isString = (value: unknown): value is string => typeof value === 'string'
const isOptional = (value: unknown) => value === undefined || isString(value)

/**
 * Checks the props of the types `track()` checks whoever sends them (`feedback`, `purchase`):
 * the props to keep (a `question` cut to 200 characters), or a message saying why they are
 * dropped. One message per type states the whole rule: it ships in every install.
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
        ) &&
        'scale csat, nps, ces or thumbs, score an integer in 1-5, 0-10, 1-7 or 0-1, question? a string, about? { type, touchpointId? }'
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
        "orderId a string, value a number >= 0, currency like 'EUR'"
  if (wrong) return `track('${type}') needs ${wrong}; dropped`
  return type === 'feedback' && question?.length > 200
    ? { ...props, question: question.slice(0, 200) }
    : props
}
