// One customer's summary (SPEC §7, issue 16) from their joined journey, oldest first: what
// GET /api/customers/<userId>, the CSV and the CRM webhook all carry, so they never disagree.
import { STAGES } from './validate.mjs'

/** The site a touchpoint came from: its page's host. */
export const siteOf = (url) => {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

const mean = (scores) =>
  scores.length === 0 ? null : round(scores.reduce((sum, s) => sum + s, 0) / scores.length)
const percent = (part, whole) => (whole === 0 ? null : round((100 * part) / whole))
const round = (value) => Math.round(value * 100) / 100

/**
 * Figures of feedback answers as /api/satisfaction gives them: csat and ces the mean score,
 * nps % promoters (9–10) − % detractors (0–6), thumbs % up; null with no answer on the scale.
 * @param {Array<{ scale: string, score: number }>} answers
 */
export const scoreAnswers = (answers) => {
  const on = (scale) => answers.filter((a) => a.scale === scale).map((a) => a.score)
  const nps = on('nps')
  const thumbs = on('thumbs')
  return {
    answers: answers.length,
    csat: mean(on('csat')),
    nps: percent(nps.filter((s) => s >= 9).length - nps.filter((s) => s <= 6).length, nps.length),
    ces: mean(on('ces')),
    thumbs: percent(thumbs.filter((s) => s === 1).length, thumbs.length),
  }
}

const touchOf = (tp) =>
  tp && {
    id: tp.id,
    ts: tp.ts,
    type: tp.type,
    channel: tp.channel,
    site: siteOf(tp.page.url),
    path: tp.page.path,
  }

/**
 * The summary of a customer's touchpoints (envelopes, oldest first). `value` adds the conversions
 * paid in `currency`, the customer's most frequent one; other currencies count in `conversions`.
 * @param {string} userId
 * @param {object[]} touchpoints
 * @param {{ conversionTypes: string[] }} options
 */
export const summarize = (userId, touchpoints, { conversionTypes }) => {
  const devices = [...new Set(touchpoints.map((tp) => tp.anonymousId))]
  const sites = [...new Set(touchpoints.map((tp) => siteOf(tp.page.url)).filter(Boolean))]
  const stages = STAGES.filter((stage) => touchpoints.some((tp) => tp.stage === stage))
  const conversions = touchpoints.filter((tp) => conversionTypes.includes(tp.type))
  const counts = new Map()
  for (const { props } of conversions) {
    if (props.currency) counts.set(props.currency, (counts.get(props.currency) ?? 0) + 1)
  }
  const [currency = null] = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))[0] ?? []
  const value = conversions
    .filter((tp) => currency === null || tp.props.currency === currency)
    .reduce((sum, tp) => sum + (typeof tp.props.value === 'number' ? tp.props.value : 0), 0)
  // Traits of every identify, a later one's value winning (as Segment and most CRMs merge them).
  const traits = Object.assign(
    {},
    ...touchpoints.filter((tp) => tp.type === 'identify').map((tp) => tp.props.traits ?? {}),
  )
  const first = touchpoints[0]
  return {
    userId,
    traits,
    anonymousIds: devices,
    devices: devices.length,
    sites,
    touchpoints: touchpoints.length,
    sessions: new Set(touchpoints.map((tp) => tp.sessionId)).size,
    firstTouch: touchOf(first) ?? null,
    firstChannel: first?.channel ?? null,
    stages,
    satisfaction: scoreAnswers(
      touchpoints.filter((tp) => tp.type === 'feedback').map((tp) => tp.props),
    ),
    conversions: conversions.length,
    value: round(value),
    currency,
    lastTouch: touchOf(touchpoints.at(-1)) ?? null,
  }
}
