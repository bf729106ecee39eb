// The CMPs whose code is public, run for real in the test page: IAB's CmpApi with real TC
// strings, Google's gtag snippet, Klaro and CookieConsent v3 from npm. Each is driven through its
// own API, the calls its banner's buttons make.
import { CmpApi, CmpApiModel } from '@iabtcf/cmpapi'
import * as klaro from 'klaro'
import * as CookieConsent from 'vanilla-cookieconsent'
import { consentModeConsent, cookieConsentConsent, klaroConsent, tcfConsent } from 'touchtrail'
import { unset, type Cmp, type CmpCase } from './cmp'
import { ACCEPT_ALL, REJECT_ALL, tcString, type TcChoice } from './tcfStrings'

/** Window with what the real CMPs put on it. */
export const page = window as unknown as {
  __tcfapi?: unknown
  dataLayer?: unknown[]
  klaro?: unknown
  CookieConsent?: unknown
}

/**
 * IAB's CmpApi: a new visitor gets `update('', true)` (cmpuishown), a returning one the stored
 * string (tcloaded), each choice `update(string)` (useractioncomplete). CmpApiModel is a
 * module-wide singleton: unload resets it as a new page would start it.
 */
export const tcfCmp = (): Cmp & { api(): CmpApi; update(choice: TcChoice | null): void } => {
  let api: CmpApi | undefined
  const update = (choice: TcChoice | null, uiVisible = false) =>
    api!.update(choice ? tcString(choice) : null, uiVisible)
  return {
    api: () => api!,
    update,
    load: (stored = 'none') => {
      CmpApiModel.reset()
      api = new CmpApi(10, 1)
      if (stored === 'none') api.update('', true)
      else update(stored === 'granted' ? ACCEPT_ALL : REJECT_ALL)
    },
    grant: () => update(ACCEPT_ALL),
    withdraw: () => update(REJECT_ALL),
    unload: () => {
      CmpApiModel.reset()
      unset('__tcfapi')
    },
  }
}

/** Google's gtag snippet: `function gtag(){dataLayer.push(arguments)}`, as sites paste it. */
export const gtag = function (..._args: unknown[]) {
  // The snippet pushes its `arguments` object, not an array.
  // eslint-disable-next-line prefer-rest-params
  ;(page.dataLayer ??= []).push(arguments)
}
const signals = (value: 'granted' | 'denied') => ({
  analytics_storage: value,
  ad_storage: value,
  ad_user_data: value,
  ad_personalization: value,
})

/** Consent Mode v2 the way Google's docs set it up: a denied default, then the CMP's update. */
export const gtagCmp = (): Cmp => ({
  load: (stored = 'none') => {
    gtag('consent', 'default', { ...signals('denied'), wait_for_update: 500 })
    gtag('js', new Date())
    if (stored !== 'none') gtag('consent', 'update', signals(stored))
  },
  grant: () => gtag('consent', 'update', signals('granted')),
  withdraw: () => gtag('consent', 'update', signals('denied')),
  unload: () => unset('dataLayer'),
})

/** The Klaro config a site would write; touchtrail is one analytics service among others. */
export const KLARO_CONFIG = {
  storageName: 'klaro-touchtrail-test',
  elementID: 'klaro-touchtrail-test',
  lang: 'en',
  services: [
    { name: 'touchtrail', title: 'touchtrail', purposes: ['analytics'] },
    { name: 'video', title: 'Video embeds', purposes: ['marketing'] },
  ],
}
const klaroManager = () => klaro.getManager(KLARO_CONFIG) as KlaroManager
/** What the tests call on Klaro's real ConsentManager. */
export interface KlaroManager {
  confirmed: boolean
  changeAll(value: boolean): number
  updateConsent(name: string, value: boolean): boolean
  saveAndApplyConsents(eventType?: string): void
  resetConsents(): void
}

/**
 * Klaro from npm, set up with a config as a site bundling it does, and exposed as
 * `window.klaro` the way its script tag is. Its managers are cached per storage name for the
 * life of the module (resetManagers() does not clear them), so a "new page" here meets the
 * manager the last one left, which holds what Klaro's cookie holds.
 */
export const klaroCmp = (): Cmp => ({
  load: (stored = 'none') => {
    klaro.setup({ ...KLARO_CONFIG, noAutoLoad: true })
    if (stored === 'none') klaroManager().resetConsents()
    page.klaro = klaro
  },
  grant: () => {
    const manager = klaroManager()
    manager.changeAll(true) // the "Accept all" button
    manager.saveAndApplyConsents('accept')
  },
  withdraw: () => {
    const manager = klaroManager()
    manager.updateConsent('touchtrail', false) // toggled off in the modal, then saved
    manager.saveAndApplyConsents('save')
  },
  unload: () => unset('klaro'),
})

/** The CookieConsent v3 config a site would write: analytics is touchtrail's category. */
export const cookieConsentConfig = (): CookieConsent.CookieConsentConfig => ({
  // Its default hides itself from bots, and Playwright's Chromium is one (navigator.webdriver).
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'Cookies',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
        },
        preferencesModal: { title: 'Preferences', sections: [] },
      },
    },
  },
})

/**
 * CookieConsent v3 from npm: run() reads its cookie (a stored choice fires cc:onConsent) or
 * shows the consent modal; choices go through acceptCategory(), as its buttons do. The ESM
 * build sets no global; load puts it on window as the UMD script tag does.
 */
export const cookieConsentCmp = (): Cmp => ({
  load: async (stored = 'none') => {
    // A new page: no run yet; a new visitor: no cookie. reset(true) erases the cookie of the
    // config it was last run with, the default name after a reset: so the config keeps it.
    CookieConsent.reset(stored === 'none')
    page.CookieConsent = CookieConsent
    await CookieConsent.run(cookieConsentConfig())
  },
  grant: () => CookieConsent.acceptCategory('all'),
  withdraw: () => CookieConsent.acceptCategory([]),
  unload: () => {
    CookieConsent.reset(false)
    unset('CookieConsent')
  },
})

/** The sources whose CMP runs for real here. */
export const REAL_CASES: CmpCase[] = [
  { name: 'tcf', kind: 'real', source: () => tcfConsent(), cmp: tcfCmp },
  { name: 'consent-mode', kind: 'real', source: () => consentModeConsent(), cmp: gtagCmp },
  { name: 'klaro', kind: 'real', source: () => klaroConsent(), cmp: klaroCmp },
  {
    name: 'cookieconsent',
    kind: 'real',
    source: () => cookieConsentConsent(),
    cmp: cookieConsentCmp,
  },
]
