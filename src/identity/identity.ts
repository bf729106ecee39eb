import { classifyArrival, type Arrival } from '../core/channel'
import { parseLink, splitLink, type LinkIds } from '../core/link'
import { toJson } from '../core/serialize'
import type { Identity } from '../core/touchpoint'
import { uuidv7 } from '../lib/id'
import { persist } from '../lib/persist'

/** Who the visitor is: ids in memory until consent, in localStorage once it is granted. */
export interface Visitor {
  /** The ids as they are now. */
  ids(): Identity
  /** Ids for a draft tracked under `anonymousId`: those it had if reset() gave them up since. */
  idsOf(anonymousId: string): Identity
  /** How this page load arrived: given to its first touchpoint only, then undefined. */
  takeArrival(): Arrival | undefined
  /** A touchpoint was built: the session moved on; a new one is saved so other tabs join it. */
  moveTo(next: Identity): void
  /** Later touchpoints belong to `userId`. */
  identify(userId: string): void
  /** Log-out: a new anonymousId, no userId. */
  reset(): void
  /**
   * Consent was granted: ids kept by an earlier visit win (not over ids adopted from a `_tt`), this
   * page's userId if it has one.
   */
  restore(): void
  /** Keeps the ids for other tabs and later loads, where consent allows. */
  save(): void
  /** Denial: new ids in memory, the stored ones deleted. */
  forget(): void
}

/**
 * Takes `_tt` off the address bar at once, whatever the consent (keeping the other parameters,
 * the fragment and `history.state`), and reads the ids it carries if it is fresh and well formed.
 */
const takeLink = (adopt: boolean): LinkIds | undefined => {
  const [value, search] = splitLink(location.search)
  if (value === undefined) return
  // Empty catch: Safari throws past 100 calls in 30 s; stored URLs are redacted all the same.
  try {
    history.replaceState(history.state, '', location.pathname + search + location.hash)
  } catch {}
  return adopt ? parseLink(value, Date.now()) : undefined
}

/**
 * The visitor's ids under localStorage key `key`, stored only while `mayStore()` says so; a fresh
 * `_tt` from one of the brand's `linked` sites gives the ids it carries (§6).
 */
export const createVisitor = (
  key: string,
  mayStore: () => boolean,
  linked: readonly string[] = [],
): Visitor => {
  const fresh = (): Identity => ({ anonymousId: uuidv7(), userId: null })
  let arrival = classifyArrival(location.href, document.referrer, linked)
  // Only a site that names the others takes their ids; any `_tt` leaves the address bar.
  const adopted = takeLink(linked.length > 0)
  // Adopted ids win over stored ones at the grant, until a log-out or denial drops them.
  let adopting = !!adopted
  let ids: Identity = adopted ? { ...adopted, userId: null } : fresh()
  // Ids reset() gave up, for drafts tracked under them and built later (held until consent): a
  // logged-out visitor must not share an anonymousId or session with the user before.
  const given = new Map<string, Identity>()
  const save = () => void (mayStore() && persist.set(key, toJson(ids)))
  const stored = (): Identity | undefined => {
    try {
      const found = JSON.parse(persist.get(key) ?? 'null') as Identity | null
      return typeof found?.anonymousId === 'string' ? found : undefined
    } catch {
      return undefined // Unreadable: start afresh rather than fail.
    }
  }
  return {
    ids: () => ids,
    idsOf: (anonymousId) => (anonymousId !== ids.anonymousId && given.get(anonymousId)) || ids,
    takeArrival: () => {
      const first = arrival
      arrival = undefined
      return first
    },
    moveTo: (next) => {
      if (next.anonymousId !== ids.anonymousId && given.has(next.anonymousId)) {
        return void given.set(next.anonymousId, next)
      }
      const started = next.session?.id !== ids.session?.id
      ids = next
      if (started) save()
    },
    identify: (userId) => {
      ids = { ...ids, userId }
      save()
    },
    reset: () => {
      given.set(ids.anonymousId, ids)
      adopting = false
      ids = fresh()
      save()
    },
    restore: () => {
      const earlier = stored()
      if (earlier) ids = { ...(adopting ? ids : earlier), userId: ids.userId ?? earlier.userId }
      save()
    },
    save,
    forget: () => {
      adopting = false
      persist.remove(key)
      given.clear()
      ids = fresh()
    },
  }
}
