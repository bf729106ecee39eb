import type { ConsentSource, ConsentState } from '../types'
import { createSource } from './createSource'
import { quiet } from '../lib/guard'

/** Options for the Google Consent Mode v2 consent source. */
export interface ConsentModeOptions {
  /** Name of the global dataLayer array gtag.js and Tag Manager use. @defaultValue 'dataLayer' */
  dataLayer?: string
}

interface ConsentParams {
  analytics_storage?: unknown
  region?: unknown[]
  wait_for_update?: unknown
}
type Layer = unknown[]

/**
 * Follows `analytics_storage` in the `gtag('consent', 'default' | 'update', …)` commands of the
 * dataLayer: those already there, then each one pushed, by wrapping `dataLayer.push`. Silent
 * until the first such command.
 * An update is the visitor's choice. A default only says what holds before one: a denied default
 * (for any region) leaves the state pending, and a granted default counts only without `region`
 * (the visitor's region is not known here), after its `wait_for_update`.
 * @see https://developers.google.com/tag-platform/security/guides/consent
 */
export const consentModeConsent = (options: ConsentModeOptions = {}): ConsentSource =>
  createSource((set) => {
    const w = window as unknown as Record<string, Layer | undefined>
    const name = options.dataLayer ?? 'dataLayer'
    // Created the way the gtag.js and Tag Manager snippets do, so our wrapper is in the chain.
    const layer = (w[name] ??= [])
    let choice: ConsentState | undefined
    let seen = false
    let grantedByDefault = false
    let deniedByDefault = false
    let waiting = 0
    const emit = () => {
      if (!seen) return
      set(choice ?? (grantedByDefault && !deniedByDefault && !waiting ? 'granted' : 'pending'))
    }
    const timers: ReturnType<typeof setTimeout>[] = []
    const read = (command: unknown) => {
      // gtag() pushes its `arguments` object; some sites push plain arrays.
      const item = command as ArrayLike<unknown> | null
      const params = item?.[0] === 'consent' ? (item[2] as ConsentParams | undefined) : undefined
      const kind = item?.[1]
      const value = params?.analytics_storage
      if (kind !== 'default' && kind !== 'update') return
      if (value !== 'granted' && value !== 'denied') return
      seen = true
      if (kind === 'update') {
        choice = value
        return
      }
      if (value === 'denied') deniedByDefault = true
      else if (!params?.region?.length) grantedByDefault = true
      const waitMs = Number(params?.wait_for_update)
      if (waitMs > 0) {
        waiting++
        timers.push(
          setTimeout(
            quiet(() => {
              waiting--
              emit()
            }),
            waitMs,
          ),
        )
      }
    }
    Array.prototype.forEach.call(layer, quiet(read))
    emit()
    const push = layer.push
    const wrapped = function (this: unknown, ...items: unknown[]) {
      quiet(() => {
        items.forEach(read)
        emit()
      })()
      return push.apply(this, items)
    }
    layer.push = wrapped
    return () => {
      timers.forEach(clearTimeout)
      // Someone wrapped push after us: leave theirs; ours is inert once stopped.
      if (layer.push === wrapped) layer.push = push
    }
  })
