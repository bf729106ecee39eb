import type { Stage, StageRules } from '../types'

const ACCOUNT = /^\/(account|my-?account|profile|login|log-?in|sign-?in|dashboard)(\/|$)/i
const PURCHASE = /\/(checkout|cart|basket|bag|order|orders|payment|pay|thank-?you)(\/|$)/i
const ADVOCACY = /\/(reviews?|write-a-review|referrals?|refer|invite|share)(\/|$)/i
// After an order: its confirmation and the order pages, where "how was your order?" is asked.
const ORDERED = /\/(orders?|thank-?you|confirmation)(\/|$)/i
const PRODUCT =
  /\/(products?|p|items?|shop|store|collections?|categor(y|ies)|c|compare|pricing|plans)(\/|$)/i

/**
 * Journey stages when the site's own rules say nothing; the first match wins. Type `landing`
 * matches the first `page_view` of a session. Account pages are retention (a returning customer)
 * before their order history can look like a purchase; landing beats every page but checkout.
 * Feedback after an order is retention; elsewhere it has no stage of its own, as an answer
 * counts under the touchpoint it rates (`about`). Friction in checkout is purchase.
 */
export const DEFAULT_STAGE_RULES: StageRules = [
  { type: 'page_view', path: ACCOUNT, stage: 'retention' },
  { type: 'identify', path: ACCOUNT, stage: 'retention' },
  { type: 'form_submit', path: ACCOUNT, stage: 'retention' },
  { type: 'feedback', path: ACCOUNT, stage: 'retention' },
  { type: 'feedback', path: ORDERED, stage: 'retention' },
  { type: 'purchase', stage: 'purchase' },
  { type: 'page_view', path: PURCHASE, stage: 'purchase' },
  { type: 'form_submit', path: PURCHASE, stage: 'purchase' },
  { type: 'form_abandon', path: PURCHASE, stage: 'purchase' },
  { type: 'rage_click', path: PURCHASE, stage: 'purchase' },
  { type: 'form_submit', path: ADVOCACY, stage: 'advocacy' },
  { type: 'landing', stage: 'awareness' },
  { type: 'review_read', stage: 'consideration' },
  { type: 'chat_open', stage: 'consideration' },
  { type: 'page_view', path: PRODUCT, stage: 'consideration' },
]

// '*' matches anything, the rest is literal, the whole path must match.
const toSource = (pattern: string) =>
  `^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`

/**
 * The journey stage of a touchpoint of `type` on `path`: the site's `rules` first, then
 * {@link DEFAULT_STAGE_RULES}, the first match winning; undefined when none matches. `landing`
 * says it is the first touchpoint of its session. The site's rules are checked by `resolveOptions`.
 */
export const stageOf = (
  type: string,
  path: string,
  rules: StageRules,
  landing: boolean,
): Stage | undefined => {
  for (const rule of [...rules, ...DEFAULT_STAGE_RULES]) {
    const pattern = rule.path
    if (rule.type !== type && !(landing && type === 'page_view' && rule.type === 'landing')) {
      continue
    }
    // search(), not test(): a site's /g RegExp would keep lastIndex between calls.
    if (
      pattern === undefined ||
      path.search(typeof pattern === 'string' ? toSource(pattern) : pattern) > -1
    ) {
      return rule.stage
    }
  }
}
