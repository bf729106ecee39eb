import type { ConsentSource } from '../types'
import { createSource } from './createSource'
import { quiet } from '../lib/guard'

/** The part of CookieConsent v3's API the source reads. */
export interface CookieConsentApi {
  validConsent(): boolean
  acceptedCategory(category: string): boolean
}

/** Options for the CookieConsent v3 (vanilla-cookieconsent) consent source. */
export interface CookieConsentOptions {
  /** Category touchtrail belongs to in the CookieConsent config. @defaultValue 'analytics' */
  category?: string
  /** The CookieConsent module where the site bundles it: only its UMD build sets a global. */
  api?: CookieConsentApi
}

interface Detail {
  cookie?: { categories?: unknown }
  modalName?: string
}

const EVENTS = ['cc:onConsent', 'cc:onChange', 'cc:onModalShow']

/**
 * Follows one CookieConsent v3 category: the accepted categories `cc:onConsent` (a valid choice,
 * at load or the first one) and `cc:onChange` carry, and `validConsent()` /
 * `acceptedCategory()` for a choice made before we listened. No valid choice while the consent
 * modal shows is pending.
 * @see https://cookieconsent.orestbida.com/reference/api-reference.html
 */
export const cookieConsentConsent = (options: CookieConsentOptions = {}): ConsentSource =>
  createSource((set) => {
    const category = options.category ?? 'analytics'
    const read = quiet((event?: Event) => {
      const detail = (event as CustomEvent<Detail | undefined> | undefined)?.detail
      const categories = detail?.cookie?.categories
      if (Array.isArray(categories))
        return set(categories.includes(category) ? 'granted' : 'denied')
      const api = options.api ?? (window as { CookieConsent?: CookieConsentApi }).CookieConsent
      // Before run() has read its cookie, validConsent() is false whatever the cookie holds:
      // only the consent modal showing says the visitor has not chosen.
      if (api?.validConsent()) set(api.acceptedCategory(category) ? 'granted' : 'denied')
      else if (api && detail?.modalName === 'consentModal') set('pending')
    })
    EVENTS.forEach((name) => addEventListener(name, read))
    read()
    return () => EVENTS.forEach((name) => removeEventListener(name, read))
  })
