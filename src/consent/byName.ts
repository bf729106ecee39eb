import type { ConsentSource } from '../types'
import { consentModeConsent } from './consentMode'
import { cookieConsentConsent } from './cookieConsent'
import { cookiebotConsent } from './cookiebot'
import { cookieYesConsent } from './cookieYes'
import { klaroConsent } from './klaro'
import { oneTrustConsent } from './oneTrust'
import { tcfConsent } from './tcf'
import { usercentricsConsent } from './usercentrics'

/**
 * The consent source a script tag's `data-consent` names, with default options, or undefined
 * for any other value. Only the script tag imports this: it pulls in every adapter.
 */
export const consentSourceByName = (name: string): ConsentSource | undefined => {
  switch (name.trim().toLowerCase()) {
    case 'tcf':
      return tcfConsent()
    case 'consent-mode':
      return consentModeConsent()
    case 'cookiebot':
      return cookiebotConsent()
    case 'onetrust':
      return oneTrustConsent()
    case 'usercentrics':
      return usercentricsConsent()
    case 'klaro':
      return klaroConsent()
    case 'cookieyes':
      return cookieYesConsent()
    case 'cookieconsent':
      return cookieConsentConsent()
  }
}
