// Stand-ins for the CMPs that publish no code to run (Cookiebot, OneTrust, Usercentrics,
// CookieYes): each implements the part of its vendor's documented JavaScript API a consent
// source reads, following the document named above it, in the shapes the unit tests use too.
// The CMPs with public code run for real instead (test/support/realCmps.ts).
import {
  cookiebotConsent,
  cookieYesConsent,
  oneTrustConsent,
  usercentricsConsent,
} from 'touchtrail'
import { unset, type Cmp, type CmpCase } from './cmp'

const win = window as unknown as Record<string, unknown>

// Cookiebot, following https://www.cookiebot.com/en/developer/ (the Cookiebot object and its
// events): a `Cookiebot` global whose consent flags change through submitCustomConsent() and
// withdraw(), announced by CookiebotOnLoad, OnConsentReady, OnAccept and OnDecline on window.
const cookiebotStandIn = (): Cmp => {
  const announce = (...names: string[]) => names.forEach((name) => dispatchEvent(new Event(name)))
  const cookiebot = {
    consent: { necessary: true, preferences: false, statistics: false, marketing: false },
    consented: false,
    declined: false,
    hasResponse: false,
    submitCustomConsent(preferences: boolean, statistics: boolean, marketing: boolean) {
      Object.assign(this.consent, { preferences, statistics, marketing })
      Object.assign(this, { hasResponse: true, consented: true, declined: false })
      announce('CookiebotOnAccept')
    },
    withdraw() {
      Object.assign(this.consent, { preferences: false, statistics: false, marketing: false })
      Object.assign(this, { hasResponse: true, consented: false, declined: true })
      announce('CookiebotOnDecline')
    },
  }
  return {
    load: (stored = 'none') => {
      const granted = stored === 'granted'
      const flags = { preferences: granted, statistics: granted, marketing: granted }
      Object.assign(cookiebot.consent, flags)
      Object.assign(cookiebot, {
        hasResponse: stored !== 'none',
        consented: granted,
        declined: stored === 'denied',
      })
      win.Cookiebot = cookiebot
      announce(
        'CookiebotOnLoad',
        'CookiebotOnConsentReady',
        ...(stored === 'none' ? [] : [granted ? 'CookiebotOnAccept' : 'CookiebotOnDecline']),
      )
    },
    grant: () => cookiebot.submitCustomConsent(true, true, true),
    withdraw: () => cookiebot.withdraw(),
    unload: () => unset('Cookiebot'),
  }
}

// OneTrust, following https://developer.onetrust.com/onetrust/docs/javascript-events-guide:
// OnetrustActiveGroups lists the active category ids; on load and on each save the script calls
// the site's OptanonWrapper and dispatches OneTrustGroupsUpdated.
const oneTrustStandIn = (): Cmp => {
  const ALL = ',C0001,C0002,C0003,C0004,'
  const NECESSARY = ',C0001,'
  let closed = false
  const save = (groups: string) => {
    win.OnetrustActiveGroups = win.OptanonActiveGroups = groups
    closed = true
    ;(win.OptanonWrapper as (() => void) | undefined)?.()
    const detail = groups.split(',').filter(Boolean)
    dispatchEvent(new CustomEvent('OneTrustGroupsUpdated', { detail }))
  }
  const oneTrust = {
    IsAlertBoxClosed: () => closed,
    AllowAll: () => save(ALL),
    RejectAll: () => save(NECESSARY),
  }
  return {
    load: (stored = 'none') => {
      closed = stored !== 'none'
      win.OneTrust = win.Optanon = oneTrust
      win.OnetrustActiveGroups = win.OptanonActiveGroups = stored === 'granted' ? ALL : NECESSARY
      ;(win.OptanonWrapper as (() => void) | undefined)?.()
    },
    grant: () => oneTrust.AllowAll(),
    withdraw: () => oneTrust.RejectAll(),
    unload: () =>
      unset('OneTrust', 'Optanon', 'OnetrustActiveGroups', 'OptanonActiveGroups', 'OptanonWrapper'),
  }
}

// Usercentrics v3 Web CMP, following
// https://usercentrics.com/docs/web/implementation/ui/interfaces/:
// __ucCmp.getConsentDetails() resolves the services keyed by id with their consent and its type;
// acceptAllConsents() / denyAllConsents() change them, and the CMP dispatches UC_UI_INITIALIZED
// when ready and UC_CONSENT on every change, on window.
const usercentricsStandIn = (): Cmp => {
  const services = [
    { id: 'H1', name: 'Usercentrics Consent Management Platform', category: 'essential' },
    { id: 'T1', name: 'touchtrail', category: 'marketing' },
    { id: 'G4', name: 'Google Analytics 4', category: 'marketing' },
  ].map((s) => ({ ...s, given: s.category === 'essential', explicit: false }))
  const decide = (given: boolean) => {
    for (const s of services) {
      if (s.category !== 'essential') Object.assign(s, { given, explicit: true })
    }
  }
  const details = () => ({
    consent: { type: services.some((s) => s.explicit) ? 'EXPLICIT' : 'IMPLICIT' },
    services: Object.fromEntries(
      services.map((s) => [
        s.id,
        {
          name: s.name,
          category: s.category,
          essential: s.category === 'essential',
          consent: { given: s.given, type: s.explicit ? 'EXPLICIT' : 'IMPLICIT' },
        },
      ]),
    ),
  })
  const changed = () => dispatchEvent(new CustomEvent('UC_CONSENT', { detail: details() }))
  const cmp = {
    isInitialized: async () => true,
    getConsentDetails: async () => details(),
    acceptAllConsents: async () => {
      decide(true)
      changed()
    },
    denyAllConsents: async () => {
      decide(false)
      changed()
    },
  }
  return {
    load: (stored = 'none') => {
      if (stored !== 'none') decide(stored === 'granted')
      win.__ucCmp = cmp
      dispatchEvent(new Event('UC_UI_INITIALIZED'))
    },
    grant: () => void cmp.acceptAllConsents(),
    withdraw: () => void cmp.denyAllConsents(),
    unload: () => unset('__ucCmp'),
  }
}

// CookieYes, following
// https://www.cookieyes.com/documentation/retrieving-consent-data-using-api-getckyconsent/:
// getCkyConsent() returns the categories and whether the visitor acted; cookieyes_banner_load
// carries the same object and cookieyes_consent_update the accepted and rejected category
// lists, both on document.
const cookieYesStandIn = (): Cmp => {
  const CATEGORIES = ['necessary', 'functional', 'analytics', 'performance', 'advertisement']
  const consent = {
    activeLaw: 'gdpr',
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, c === 'necessary'])),
    isUserActionCompleted: false,
    consentID: 'stand-in-consent-id',
    languageCode: 'en',
  }
  const choose = (accepted: string[]) => {
    consent.isUserActionCompleted = true
    for (const c of CATEGORIES) consent.categories[c] = accepted.includes(c)
    const rejected = CATEGORIES.filter((c) => !accepted.includes(c))
    const detail = { accepted, rejected }
    document.dispatchEvent(new CustomEvent('cookieyes_consent_update', { detail }))
  }
  return {
    load: (stored = 'none') => {
      consent.isUserActionCompleted = stored !== 'none'
      for (const c of CATEGORIES) consent.categories[c] = c === 'necessary' || stored === 'granted'
      win.getCkyConsent = () => consent
      document.dispatchEvent(new CustomEvent('cookieyes_banner_load', { detail: consent }))
    },
    grant: () => choose(CATEGORIES),
    withdraw: () => choose(['necessary']),
    unload: () => unset('getCkyConsent'),
  }
}

/** The sources whose CMP has no public code, with the stand-in of that CMP. */
export const STAND_IN_CASES: CmpCase[] = [
  { name: 'cookiebot', kind: 'stand-in', source: () => cookiebotConsent(), cmp: cookiebotStandIn },
  { name: 'onetrust', kind: 'stand-in', source: () => oneTrustConsent(), cmp: oneTrustStandIn },
  {
    name: 'usercentrics',
    kind: 'stand-in',
    source: () => usercentricsConsent(),
    cmp: usercentricsStandIn,
  },
  { name: 'cookieyes', kind: 'stand-in', source: () => cookieYesConsent(), cmp: cookieYesStandIn },
]
