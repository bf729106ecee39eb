import { step } from '../core/consent'
import type { Draft } from '../core/touchpoint'
import { guard } from '../lib/guard'
import { persist } from '../lib/persist'
import type { Report } from '../lib/report'
import type { ConsentSource, ConsentState } from '../types'

/** Most touchpoints held in memory before consent; past it the oldest are dropped. */
export const MAX_HELD = 1_000

/** What the gate does to the rest of the tracker as consent changes. */
export interface GateEffects {
  /** Granted: store this draft. */
  store(draft: Draft): void
  /** Granted now, or remembered at load: what was held, oldest first. */
  grant(held: Draft[]): void
  /** Denied: delete what is stored and the ids. */
  deny(): void
  log(message: string): void
}

/** Consent: where it stands, what is held until it is given, and who may change it. */
export interface ConsentGate {
  /** Takes up the remembered decision, the option and GPC, and follows other tabs from now on. */
  start(): void
  state(): ConsentState
  /** How many touchpoints are held in memory until consent. */
  held(): number
  /** A tracked draft: stored once granted, held in memory while pending, dropped when denied. */
  admit(draft: Draft): void
  /** The site's own `consent()` call; its grant also lifts Global Privacy Control. */
  decide(decision: ConsentState): void
  /** Follows a consent source (a CMP); GPC keeps out its grants. Returns its stop. */
  follow(source: ConsentSource): (() => void) | undefined
  stop(): void
}

/**
 * The consent state machine of `core/consent.ts` with its effects: the remembered decision
 * (`<name>:consent` in localStorage, which holds no identifier), Global Privacy Control, the
 * bounded pending buffer and other tabs' decisions.
 */
export const createConsentGate = (
  name: string,
  option: 'required' | 'granted',
  effects: GateEffects,
  report: Report,
): ConsentGate => {
  const key = `${name}:consent`
  let state: ConsentState = 'pending'
  let held: Draft[] = []
  // Global Privacy Control: only the site's own consent('granted') lifts it, not a CMP's default.
  let gpc = (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true

  const apply = (next: ConsentState) => {
    const change = step(state, next)
    state = change.state
    for (const effect of change.effects) {
      if (effect === 'remember-grant') persist.set(key, 'granted')
      if (effect === 'remember-denial') persist.set(key, 'denied')
      if (effect === 'release') effects.grant(held.splice(0))
      if (effect === 'drop-held') held = []
      if (effect === 'purge') effects.deny()
    }
    if (change.effects.length) effects.log(`consent ${state}`)
  }

  // Another tab of the site decided: follow it, so a denial there purges here too.
  const onStorage = guard(report, 'storage', (event: StorageEvent) => {
    const next = event.key === key && event.newValue
    if (next === 'granted' || next === 'denied') apply(next)
  })

  return {
    start: () => {
      addEventListener('storage', onStorage)
      // Where it starts: a remembered decision, else the option; GPC turns both to denial.
      const remembered = persist.get(key)
      const initial =
        remembered === 'granted' || remembered === 'denied'
          ? remembered
          : option === 'granted'
            ? 'granted'
            : 'pending'
      if (gpc && initial !== 'denied') apply('denied')
      else if ((state = initial) === 'granted') effects.grant([])
    },
    state: () => state,
    held: () => held.length,
    admit: (draft) => {
      if (state === 'granted') return effects.store(draft)
      if (state === 'denied' || held.push(draft) <= MAX_HELD) return
      held.shift()
      report('queue_overflow', `over ${MAX_HELD} before consent: oldest dropped`)
    },
    decide: (decision) => {
      if (decision === 'granted') gpc = false
      apply(decision)
    },
    follow: (source) =>
      guard(
        report,
        'consent source',
        source,
      )(
        guard(report, 'consent source', (next: ConsentState) => {
          if (!(gpc && next === 'granted')) apply(next)
        }),
      ),
    stop: () => removeEventListener('storage', onStorage),
  }
}
