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
  /^([\w-]{8,64})\.(?:([\w-]{8,64})\.(direct|(?:organic|paid)_search|(?:paid_)?social|email|referral|display|affiliate)|\.)\.(\d+)$/

/**
 * The ids of a `_tt` value, if it is well formed and 0–120 s old at `now` (ms) by this clock,
 * with 10 s of tolerance for a clock behind the linking page's; otherwise undefined.
 */
export const parseLink = (value = '', now: number): LinkIds | undefined => {
  const [, anonymousId, id, channel, seconds] = LINK.exec(value) ?? []
  const age = now / 1000 - Number(seconds)
  // The session lives on from the moment the link was followed.
  if (anonymousId && age >= -10 && age <= 120) {
    const session = id
      ? { id, lastAt: Number(seconds) * 1000, channel: channel as Channel }
      : undefined
    return { anonymousId, session }
  }
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
