// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { cookieConsentConsent } from '../../../src/consent/cookieConsent'
import { recordStates } from '../../support/consentRecorder'

// CookieConsent v3 as its dist code has it (vanilla-cookieconsent 3.1.0): events on window with
// `detail.cookie.categories`, the modal events with `detail.modalName`; validConsent() is false
// until run() has read a valid cookie. The real library runs in test/browser/.
const fire = (name: string, detail: object) => dispatchEvent(new CustomEvent(name, { detail }))
const consent = (categories: string[]) => ({ cookie: { categories } })
const { states, record } = recordStates({ globals: ['CookieConsent'] })

describe('cookieConsentConsent', () => {
  it('says nothing until CookieConsent has a choice or shows its consent modal', () => {
    const stop = cookieConsentConsent()(record)
    fire('cc:onModalShow', { modalName: 'consentModal' }) // no API to ask: could be a re-show
    expect(states).toEqual([])
    const w = window as { CookieConsent?: unknown }
    w.CookieConsent = { validConsent: () => false, acceptedCategory: () => false }
    fire('cc:onModalShow', { modalName: 'preferencesModal' })
    expect(states).toEqual([])
    fire('cc:onModalShow', { modalName: 'consentModal' })
    expect(states).toEqual(['pending'])
    stop()
  })

  it('follows the analytics category through onConsent and onChange', () => {
    const stop = cookieConsentConsent()(record)
    fire('cc:onConsent', consent(['necessary', 'analytics']))
    fire('cc:onChange', consent(['necessary']))
    fire('cc:onChange', consent(['necessary', 'analytics']))
    expect(states).toEqual(['granted', 'denied', 'granted'])
    stop()
  })

  it('reads a choice made before it listened, from the API it is given', () => {
    const api = { validConsent: () => true, acceptedCategory: (c: string) => c === 'stats' }
    const stop = cookieConsentConsent({ api, category: 'stats' })(record)
    expect(states).toEqual(['granted'])
    stop()
  })

  it('hears nothing after stop, and never throws when CookieConsent does', () => {
    const stop = cookieConsentConsent()(record)
    stop()
    fire('cc:onConsent', consent(['analytics']))
    expect(states).toEqual([])
    const api = {
      validConsent: () => {
        throw new Error('cc broke')
      },
      acceptedCategory: () => true,
    }
    const again = cookieConsentConsent({ api })(record)
    expect(() => fire('cc:onModalShow', { modalName: 'consentModal' })).not.toThrow()
    expect(() => fire('cc:onChange', null as never)).not.toThrow()
    expect(states).toEqual([])
    again()
  })
})
