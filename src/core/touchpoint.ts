import type { PageInfo, StageRules, Touchpoint, TouchpointContext } from '../types'
import type { Arrival } from './channel'
import type { QueueRecord } from './batch'
import { rawJson, toJson } from './serialize'
import { nextSession, type Session } from './session'
import { stageOf } from './stage'

/**
 * A touchpoint as tracked, before it meets the visitor's identifiers: until consent, or after it
 * until the task after track() builds its envelope.
 */
export interface Draft {
  id: string
  type: string
  /** When it happened (ms since epoch). */
  at: number
  /** The props as JSON, written when tracked: later changes to the app's object do not leak in. */
  props: string
  userId: string | null
  /** The anonymousId when tracked: a reset() before it is built leaves it with the ids it had. */
  anonymousId: string
  page: PageInfo
  /** How this page load arrived; only the first touchpoint of a load carries it. */
  arrival?: Arrival
}

/** Who the visitor is: kept in memory before consent, in localStorage after a grant. */
export interface Identity {
  anonymousId: string
  userId: string | null
  session?: Session
}

/** The envelope for `draft`, and the identity with its session moved on. */
export const buildTouchpoint = (
  draft: Draft,
  identity: Identity,
  context: TouchpointContext,
  rules: StageRules,
  newId: () => string,
): { touchpoint: Touchpoint; identity: Identity } => {
  const { session, started } = nextSession(identity.session, draft.at, draft.arrival, newId)
  const stage = stageOf(draft.type, draft.page.path, rules, started)
  const touchpoint: Touchpoint = {
    id: draft.id,
    type: draft.type,
    ts: new Date(draft.at).toISOString(),
    anonymousId: identity.anonymousId,
    sessionId: session.id,
    userId: draft.userId,
    channel: session.channel,
    stage, // left out of the JSON when undefined
    page: draft.page,
    props: rawJson(draft.props) as unknown as Record<string, unknown>,
    context: session.campaign ? { campaign: session.campaign, ...context } : context,
  }
  return { touchpoint, identity: { ...identity, session } }
}

/**
 * A queue record whose JSON is written when it is first stored or sent, not when it is built: the
 * queue's writes, a hundred records each, carry the cost.
 */
export const pendingRecord = (id: string, touchpoint: Touchpoint): QueueRecord => {
  let written: string | undefined
  return {
    id,
    get json() {
      return (written ??= toJson(touchpoint))
    },
  }
}
