import type { Channel } from '../types'
import { SESSION_MS, type Session } from './session'

/** What a `_tt` query parameter carries to a linked site: the ids, and the live session if any. */
export interface LinkIds {
  anonymousId: string
  session?: Session
}

// <anonymousId>.<sessionId>.<channel>.<unix seconds>; session and channel are empty together when
// the session had ended on the page the link was on.
const LINK =
  /^([\w-]{8,64})\.(?:([\w-]{8,64})\.(direct|organic_search|paid_search|social|paid_social|email|referral|display|affiliate)|\.)\.(\d{1,12})$/

/**
 * The ids of a `_tt` value, if it is well formed and 0–120 s old at `now` (ms) by this clock,
 * with 10 s of tolerance for a clock behind the linking page's; otherwise undefined.
 */
export const parseLink = (value: string | undefined, now: number): LinkIds | undefined => {
  const [, anonymousId, id, channel, seconds] = LINK.exec(value ?? '') ?? []
  const age = now / 1000 - Number(seconds)
  if (!anonymousId || !(age >= -10 && age <= 120)) return undefined
  // The session lives on from the moment the link was followed.
  const lastAt = Number(seconds) * 1000
  return { anonymousId, session: id ? { id, lastAt, channel: channel as Channel } : undefined }
}

/** The `_tt` value for `ids` at `now` (ms): no session when it has ended, never the userId. */
export const formatLink = ({ anonymousId, session }: LinkIds, now: number): string =>
  `${anonymousId}.${
    session && now - session.lastAt <= SESSION_MS ? `${session.id}.${session.channel}` : '.'
  }.${Math.floor(now / 1000)}`

/**
 * `search` (a URL's query: `?…` or empty) without its `_tt` pairs, and the first one's value
 * (undefined when there is none). Every other pair stays as written.
 */
export const splitLink = (search: string): [string | undefined, string] => {
  let value: string | undefined
  const rest = search.replace(/[?&]_tt(=[^&]*)?(?=&|$)/g, (_, pair = '=') => {
    value ??= pair.slice(1)
    return ''
  })
  return [value, rest.replace(/^&/, '?')]
}

/** Whether `host` is one of `domains` or a subdomain of one (hosts in lower case). */
export const matchesDomain = (host: string, domains: readonly string[]): boolean =>
  domains.some((domain) => host === domain || host.endsWith(`.${domain}`))
