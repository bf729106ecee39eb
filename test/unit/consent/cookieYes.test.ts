// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { cookieYesConsent } from '../../../src/consent/cookieYes'
import { recordStates } from '../../support/consentRecorder'

interface Categories {
  necessary: boolean
  analytics: boolean
  advertisement: boolean
}
const w = window as unknown as { getCkyConsent?: () => unknown }

// CookieYes as its docs describe it: getCkyConsent(), cookieyes_banner_load carrying the same
// object, cookieyes_consent_update carrying the accepted and rejected category lists.
const loadCookieYes = (acted = false, analytics = false) => {
  const consent = {
    activeLaw: 'gdpr',
    categories: { necessary: true, analytics, advertisement: false } as Categories,
    isUserActionCompleted: acted,
  }
  w.getCkyConsent = () => consent
  document.dispatchEvent(new CustomEvent('cookieyes_banner_load', { detail: consent }))
  const choose = (accepted: string[]) => {
    consent.isUserActionCompleted = true
    consent.categories.analytics = accepted.includes('analytics')
    const rejected = ['functional', 'analytics', 'advertisement'].filter(
      (category) => !accepted.includes(category),
    )
    const detail = { accepted, rejected }
    document.dispatchEvent(new CustomEvent('cookieyes_consent_update', { detail }))
  }
  return { choose }
}

const { states, record } = recordStates({ globals: ['getCkyConsent'] })

describe('cookieYesConsent', () => {
  it('says nothing before CookieYes loads, then pending until the visitor acts', () => {
    const stop = cookieYesConsent()(record)
    expect(states).toEqual([])
    loadCookieYes()
    expect(states).toEqual(['pending'])
    stop()
  })

  it('follows accept, withdrawal and accept again', () => {
    const stop = cookieYesConsent()(record)
    const cookieYes = loadCookieYes()
    cookieYes.choose(['necessary', 'analytics'])
    cookieYes.choose(['necessary', 'advertisement'])
    cookieYes.choose(['necessary', 'analytics'])
    expect(states).toEqual(['pending', 'granted', 'denied', 'granted'])
    stop()
  })

  it('reads a stored choice at once through getCkyConsent()', () => {
    w.getCkyConsent = () => ({ categories: { analytics: false }, isUserActionCompleted: true })
    const stop = cookieYesConsent()(record)
    expect(states).toEqual(['denied'])
    stop()
  })

  it('hears nothing after stop', () => {
    const stop = cookieYesConsent()(record)
    const cookieYes = loadCookieYes()
    stop()
    cookieYes.choose(['necessary', 'analytics'])
    expect(states).toEqual(['pending'])
  })

  it('never throws when CookieYes does', () => {
    w.getCkyConsent = () => {
      throw new Error('cookieyes broke')
    }
    const stop = cookieYesConsent()(record)
    const odd = new CustomEvent('cookieyes_consent_update', { detail: { accepted: 'analytics' } })
    expect(() => document.dispatchEvent(odd)).not.toThrow()
    expect(states).toEqual([])
    stop()
  })
})
