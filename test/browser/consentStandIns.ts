// Stand-in CMPs for the browser tests: each implements the part of its vendor's documented
// JavaScript API a consent source reads, in the shapes test/unit/consent/*.test.ts use (and cite
// the docs for). A stand-in loads onto window like the vendor script does, either with no choice
// yet or with a choice stored by an earlier page, and changes as the visitor's clicks would.
import {
  consentModeConsent,
  cookiebotConsent,
  cookieYesConsent,
  klaroConsent,
  oneTrustConsent,
  tcfConsent,
  usercentricsConsent,
  type ConsentSource,
} from 'touchtrail'

/** What the visitor chose on an earlier page, as the CMP finds it when it loads. */
export type StoredChoice = 'none' | 'granted' | 'denied'

/** One CMP on the page, driven as the visitor would drive its banner. */
export interface StandIn {
  /** Puts the CMP's globals on window and announces itself as the vendor script does. */
  load(stored?: StoredChoice): void
  /** The visitor accepts (analytics, measurement, all). */
  grant(): void
  /** The visitor withdraws or rejects. */
  withdraw(): void
  /** Takes every global the CMP or the source put on window off again: the page is gone. */
  unload(): void
}

/** A consent source and the stand-in of the CMP it follows. */
export interface CmpCase {
  /** Its `data-consent` name. */
  name: string
  source: () => ConsentSource
  standIn: () => StandIn
}

const win = window as unknown as Record<string, unknown>
const unset = (...names: string[]) => names.forEach((name) => Reflect.deleteProperty(win, name))

type Flags = Record<number, boolean>
interface TcData {
  tcString: string
  gdprApplies: boolean
  cmpStatus: 'loaded'
  eventStatus: 'tcloaded' | 'cmpuishown' | 'useractioncomplete'
  listenerId?: number
  purpose: { consents: Flags; legitimateInterests: Flags }
  vendor: { consents: Flags; legitimateInterests: Flags }
}
type TcfCallback = (data: TcData | boolean, success?: boolean) => void

// IAB TCF CMP API v2.2: addEventListener calls back at once with the current TC data and a
// listenerId, then on every change; removeEventListener takes that id and calls back success.
const tcfStandIn = (): StandIn => {
  const listeners = new Map<number, TcfCallback>()
  let nextId = 1
  let current: TcData
  const data = (eventStatus: TcData['eventStatus'], consents: Flags): TcData => ({
    tcString: consents[1] ? 'CP-stand-in-granted' : 'CP-stand-in-denied',
    gdprApplies: true,
    cmpStatus: 'loaded',
    eventStatus,
    purpose: { consents, legitimateInterests: {} },
    vendor: { consents: {}, legitimateInterests: {} },
  })
  const emit = (next: TcData) => {
    current = next
    listeners.forEach((callback, listenerId) => callback({ ...next, listenerId }, true))
  }
  const all = { 1: true, 2: true, 7: true, 8: true, 9: true, 10: true }
  return {
    load: (stored = 'none') => {
      current =
        stored === 'none'
          ? data('cmpuishown', {})
          : data('tcloaded', stored === 'granted' ? all : {})
      win.__tcfapi = (command: string, _version: 2, callback: TcfCallback, parameter?: number) => {
        if (command === 'ping') {
          callback({
            gdprApplies: true,
            cmpLoaded: true,
            cmpStatus: 'loaded',
            apiVersion: '2.2',
            tcfPolicyVersion: 4,
          } as unknown as TcData)
        } else if (command === 'addEventListener') {
          const listenerId = nextId++
          listeners.set(listenerId, callback)
          callback({ ...current, listenerId }, true)
        } else if (command === 'removeEventListener') {
          callback(listeners.delete(parameter!))
        }
      }
    },
    grant: () => emit(data('useractioncomplete', all)),
    withdraw: () => emit(data('useractioncomplete', {})),
    unload: () => {
      listeners.clear()
      unset('__tcfapi')
    },
  }
}

// Google Consent Mode v2: the gtag snippet's dataLayer, a default command before any tag, then
// an update from the CMP once the visitor chooses (or at load, from the stored choice).
const consentModeStandIn = (): StandIn => {
  const layer = () => (win.dataLayer ??= []) as unknown[]
  function gtag(..._args: unknown[]) {
    // The snippet pushes its `arguments` object, not an array: the source must read both.
    // eslint-disable-next-line prefer-rest-params
    layer().push(arguments)
  }
  const signals = (value: 'granted' | 'denied') => ({
    analytics_storage: value,
    ad_storage: value,
    ad_user_data: value,
    ad_personalization: value,
  })
  return {
    load: (stored = 'none') => {
      gtag('consent', 'default', { ...signals('denied'), wait_for_update: 500 })
      gtag('js', new Date())
      if (stored !== 'none') gtag('consent', 'update', signals(stored))
    },
    grant: () => gtag('consent', 'update', signals('granted')),
    withdraw: () => gtag('consent', 'update', signals('denied')),
    unload: () => unset('dataLayer'),
  }
}

// Cookiebot: a `Cookiebot` global whose consent flags change through submitCustomConsent() and
// withdraw(), announced by CookiebotOnLoad, OnConsentReady, OnAccept and OnDecline on window.
const cookiebotStandIn = (): StandIn => {
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

// OneTrust: OnetrustActiveGroups lists the active category ids; on load and on each save the
// script calls the site's OptanonWrapper and dispatches OneTrustGroupsUpdated.
const oneTrustStandIn = (): StandIn => {
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

// Usercentrics v3 Web CMP: __ucCmp.getConsentDetails() resolves the services keyed by id with
// their consent and its type; acceptAllConsents() / denyAllConsents() change them, and the CMP
// dispatches UC_UI_INITIALIZED when ready and UC_CONSENT on every change, on window.
const usercentricsStandIn = (): StandIn => {
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

// Klaro: klaro.getManager() gives the ConsentManager; watchers hear 'consents' on every toggle
// and 'saveConsents' when the visitor saves (klaro-js src/consent-manager.js).
interface KlaroWatcher {
  update(manager: unknown, event: string, data?: unknown): void
}
const klaroStandIn = (): StandIn => {
  const watchers = new Set<KlaroWatcher>()
  const manager = {
    confirmed: false,
    consents: {} as Record<string, boolean>,
    config: { services: [{ name: 'touchtrail', purposes: ['analytics'] }] },
    getService(name: string) {
      return this.config.services.find((s) => s.name === name)
    },
    getConsent(name: string) {
      return this.consents[name] || false
    },
    watch: (watcher: KlaroWatcher) => {
      watchers.add(watcher)
    },
    unwatch: (watcher: KlaroWatcher) => {
      watchers.delete(watcher)
    },
    notify(event: string, data?: unknown) {
      watchers.forEach((watcher) => watcher.update(this, event, data))
    },
    updateConsent(name: string, value: boolean) {
      this.consents[name] = value
      this.notify('consents', this.consents)
    },
    saveAndApplyConsents() {
      this.confirmed = true
      this.notify('saveConsents', { consents: this.consents, type: 'save' })
    },
  }
  const choose = (value: boolean) => {
    manager.updateConsent('touchtrail', value)
    manager.saveAndApplyConsents()
  }
  return {
    load: (stored = 'none') => {
      manager.confirmed = stored !== 'none'
      manager.consents = { touchtrail: stored === 'granted' }
      win.klaro = { getManager: () => manager, show: () => {} }
    },
    grant: () => choose(true),
    withdraw: () => choose(false),
    unload: () => {
      watchers.clear()
      unset('klaro')
    },
  }
}

// CookieYes: getCkyConsent() returns the categories and whether the visitor acted;
// cookieyes_banner_load carries the same object and cookieyes_consent_update the accepted and
// rejected category lists, both on document.
const cookieYesStandIn = (): StandIn => {
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

/** Every consent source the script tag names, with its CMP's stand-in. */
export const CMP_CASES: CmpCase[] = [
  { name: 'tcf', source: () => tcfConsent(), standIn: tcfStandIn },
  { name: 'consent-mode', source: () => consentModeConsent(), standIn: consentModeStandIn },
  { name: 'cookiebot', source: () => cookiebotConsent(), standIn: cookiebotStandIn },
  { name: 'onetrust', source: () => oneTrustConsent(), standIn: oneTrustStandIn },
  { name: 'usercentrics', source: () => usercentricsConsent(), standIn: usercentricsStandIn },
  { name: 'klaro', source: () => klaroConsent(), standIn: klaroStandIn },
  { name: 'cookieyes', source: () => cookieYesConsent(), standIn: cookieYesStandIn },
]
