import type { ConsentSource } from '../types'
import { createSource } from './createSource'
import { quiet } from '../lib/guard'

/** Options for the OneTrust consent source. */
export interface OneTrustOptions {
  /** Id of the cookie category touchtrail belongs to. @defaultValue 'C0002' (performance) */
  category?: string
}

interface OneTrustWindow {
  OnetrustActiveGroups?: string
  OneTrust?: { IsAlertBoxClosed?: () => boolean }
  OptanonWrapper?: (...args: unknown[]) => unknown
}

/**
 * Follows a OneTrust category in `OnetrustActiveGroups` (',C0001,C0002,'), re-read whenever
 * OneTrust calls `OptanonWrapper` (on load and on every save; the site's own one is chained)
 * or dispatches `OneTrustGroupsUpdated`. Absent with the banner still open means pending.
 * @see https://developer.onetrust.com/onetrust/docs/javascript-events-guide
 */
export const oneTrustConsent = (options: OneTrustOptions = {}): ConsentSource =>
  createSource((set) => {
    const w = window as Window & OneTrustWindow
    const category = options.category ?? 'C0002'
    const read = quiet(() => {
      const groups = w.OnetrustActiveGroups
      if (typeof groups !== 'string') return
      set(
        groups.split(',').includes(category)
          ? 'granted'
          : w.OneTrust?.IsAlertBoxClosed?.()
            ? 'denied'
            : 'pending',
      )
    })
    const previous = w.OptanonWrapper
    const wrapper = function (this: unknown, ...args: unknown[]) {
      read()
      return previous?.apply(this, args)
    }
    w.OptanonWrapper = wrapper
    addEventListener('OneTrustGroupsUpdated', read)
    read()
    return () => {
      removeEventListener('OneTrustGroupsUpdated', read)
      // Replaced since (the site defined its own later): leave it; ours is inert once stopped.
      if (w.OptanonWrapper === wrapper) w.OptanonWrapper = previous
    }
  })
