import type { Campaign, Channel } from '../types'
import type { Arrival } from './channel'

/** A visit: ends after 30 minutes without a touchpoint, or when a new campaign arrives. */
export interface Session {
  id: string
  /** When its latest touchpoint happened (ms since epoch). */
  lastAt: number
  channel: Channel
  campaign?: Campaign
  campaignKey?: string
}

/** Thirty minutes, as GA and most peers count a session (a literal: `30 * 60_000` is kept in
 * every bundle of dist/index.js, as esbuild does not know the product has no side effect). */
export const SESSION_MS = 1_800_000

/** The session a touchpoint at `now` belongs to; `started` when it opens a new one. */
export const nextSession = (
  previous: Session | undefined,
  now: number,
  arrival: Arrival | undefined,
  newId: () => string,
): { session: Session; started: boolean } => {
  const newCampaign = arrival?.campaignKey && arrival.campaignKey !== previous?.campaignKey
  if (previous && now - previous.lastAt <= SESSION_MS && !newCampaign) {
    return { session: { ...previous, lastAt: Math.max(now, previous.lastAt) }, started: false }
  }
  const { channel = 'direct', campaign, campaignKey } = arrival ?? {}
  return { session: { id: newId(), lastAt: now, channel, campaign, campaignKey }, started: true }
}
