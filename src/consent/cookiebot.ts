import type { ConsentSource } from '../types'
import { createSource } from './createSource'
import { quiet } from '../lib/guard'

interface Cookiebot {
  consent?: { statistics?: boolean }
  hasResponse?: boolean
}

const EVENTS = ['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline']

/**
 * Follows Cookiebot's statistics category: `Cookiebot.consent.statistics`, re-read on its
 * consent-ready, accept and decline events, so no wait for the script is needed.
 * @see https://www.cookiebot.com/en/developer/
 */
export const cookiebotConsent = (): ConsentSource =>
  createSource((set) => {
    const read = quiet(() => {
      const cookiebot = (window as { Cookiebot?: Cookiebot }).Cookiebot
      if (!cookiebot?.consent) return
      // Statistics may be on without a response where the site's setup implies consent.
      set(cookiebot.consent.statistics ? 'granted' : cookiebot.hasResponse ? 'denied' : 'pending')
    })
    EVENTS.forEach((name) => addEventListener(name, read))
    read()
    return () => EVENTS.forEach((name) => removeEventListener(name, read))
  })
