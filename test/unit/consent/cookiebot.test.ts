// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { cookiebotConsent } from '../../../src/consent/cookiebot'
import { recordStates } from '../../support/consentRecorder'

// Cookiebot as its developer page describes it: a `Cookiebot` global whose read-only
// `consent.statistics` and `hasResponse` change, announced by events on window.
const w = window as unknown as { Cookiebot?: unknown }
const loadCookiebot = () => {
  const cookiebot = { consent: { necessary: true, statistics: false }, hasResponse: false }
  w.Cookiebot = cookiebot
  const answer = (statistics: boolean) => {
    cookiebot.consent.statistics = statistics
    cookiebot.hasResponse = true
    dispatchEvent(new Event(statistics ? 'CookiebotOnAccept' : 'CookiebotOnDecline'))
  }
  return { ready: () => dispatchEvent(new Event('CookiebotOnConsentReady')), answer }
}

const { states, record } = recordStates({ globals: ['Cookiebot'] })

describe('cookiebotConsent', () => {
  it('says nothing before Cookiebot loads, then pending until the visitor answers', () => {
    const stop = cookiebotConsent()(record)
    dispatchEvent(new Event('CookiebotOnConsentReady')) // another script's event, no Cookiebot
    expect(states).toEqual([])
    loadCookiebot().ready()
    expect(states).toEqual(['pending'])
    stop()
  })

  it('follows accept, decline and accept again', () => {
    const stop = cookiebotConsent()(record)
    const cookiebot = loadCookiebot()
    cookiebot.ready()
    cookiebot.answer(true)
    cookiebot.answer(false)
    cookiebot.answer(true)
    expect(states).toEqual(['pending', 'granted', 'denied', 'granted'])
    stop()
  })

  it('reads a stored answer at once when Cookiebot is already there', () => {
    loadCookiebot().answer(false)
    const stop = cookiebotConsent()(record)
    expect(states).toEqual(['denied'])
    stop()
  })

  it('hears nothing after stop', () => {
    const stop = cookiebotConsent()(record)
    const cookiebot = loadCookiebot()
    cookiebot.ready()
    stop()
    cookiebot.answer(true)
    expect(states).toEqual(['pending'])
  })

  it('never throws when Cookiebot does', () => {
    Object.defineProperty(window, 'Cookiebot', {
      configurable: true,
      get() {
        throw new Error('cookiebot broke')
      },
    })
    const stop = cookiebotConsent()(record)
    expect(() => dispatchEvent(new Event('CookiebotOnAccept'))).not.toThrow()
    expect(states).toEqual([])
    stop()
    Reflect.deleteProperty(window, 'Cookiebot')
  })
})
