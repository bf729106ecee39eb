import type { ConsentSource, ConsentState } from '../types'
import { createSource } from './createSource'
import { quiet } from '../lib/guard'

interface CkyConsent {
  categories?: { analytics?: boolean }
  isUserActionCompleted?: boolean
}
interface CkyUpdate {
  accepted?: string[]
}

const stateOf = (consent: CkyConsent | undefined): ConsentState | undefined =>
  consent?.categories &&
  (consent.categories.analytics ? 'granted' : consent.isUserActionCompleted ? 'denied' : 'pending')

/**
 * Follows CookieYes's analytics category: `getCkyConsent()`, the `cookieyes_banner_load` event
 * (same shape) and `cookieyes_consent_update` (`accepted` lists the categories now allowed).
 * @see https://www.cookieyes.com/documentation/retrieving-consent-data-using-api-getckyconsent/
 */
export const cookieYesConsent = (): ConsentSource =>
  createSource((set) => {
    const read = quiet((event?: Event) => {
      const detail = (event as CustomEvent<CkyConsent & CkyUpdate> | undefined)?.detail
      const state = Array.isArray(detail?.accepted)
        ? detail.accepted.includes('analytics')
          ? 'granted'
          : 'denied'
        : (stateOf(detail) ??
          stateOf((window as { getCkyConsent?: () => CkyConsent }).getCkyConsent?.()))
      if (state) set(state)
    })
    document.addEventListener('cookieyes_banner_load', read)
    document.addEventListener('cookieyes_consent_update', read)
    read()
    return () => {
      document.removeEventListener('cookieyes_banner_load', read)
      document.removeEventListener('cookieyes_consent_update', read)
    }
  })
