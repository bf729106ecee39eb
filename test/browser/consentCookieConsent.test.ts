// The CookieConsent source against CookieConsent v3 (vanilla-cookieconsent) from npm in
// Chromium, bundled as a site's build would (no global): run(), its consent modal, and the
// visitor's choices through acceptCategory(), and what each does to the device and the wire.
import { afterEach, describe, expect, it } from 'vitest'
import * as CookieConsent from 'vanilla-cookieconsent'
import { cookieConsentConsent, type ConsentState } from 'touchtrail'
import {
  chat,
  expectDelivered,
  expectHeld,
  expectPurged,
  markersSent,
  startWithChat,
} from '../support/consentChecks'
import { cookieConsentConfig, page } from '../support/realCmps'

afterEach(() => CookieConsent.reset(true))

describe('cookieConsentConsent with CookieConsent v3 from npm', () => {
  it('holds while the consent modal shows, follows accept, reject and accept again', async () => {
    CookieConsent.reset(true)
    const { inbox, tracker } = startWithChat(cookieConsentConsent({ api: CookieConsent }))
    await CookieConsent.run(cookieConsentConfig())
    expect(page.CookieConsent).toBeUndefined() // the ESM build sets no global
    expect(CookieConsent.validConsent()).toBe(false)
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)

    CookieConsent.acceptCategory('analytics')
    await expectDelivered(inbox, [`held-${inbox.name}`])

    CookieConsent.acceptCategory([]) // "Reject all": only the read-only category stays
    await expectPurged(inbox, [`held-${inbox.name}`])
    expect(chat(tracker, `rejected-${inbox.name}`)).toBeUndefined()

    CookieConsent.acceptCategory('all')
    chat(tracker, `again-${inbox.name}`)
    await expect
      .poll(() => markersSent(inbox))
      .toEqual([`held-${inbox.name}`, `again-${inbox.name}`])
  })

  it('reads a stored choice from the cc:onConsent event of run(), without the API', async () => {
    CookieConsent.reset(true)
    await CookieConsent.run(cookieConsentConfig())
    CookieConsent.acceptCategory('analytics') // an earlier page
    CookieConsent.reset(false) // the next page: the cookie stays
    const states: ConsentState[] = []
    const stop = cookieConsentConsent()((state) => states.push(state))
    await CookieConsent.run(cookieConsentConfig())
    expect(states).toEqual(['granted'])
    stop()
  })

  it('counts an accepted category other than its own as denied', async () => {
    const states: ConsentState[] = []
    CookieConsent.reset(true)
    const config = cookieConsentConfig()
    config.categories.marketing = {}
    const stop = cookieConsentConsent({ api: CookieConsent })((state) => states.push(state))
    await CookieConsent.run(config)
    CookieConsent.acceptCategory('marketing')
    CookieConsent.acceptCategory(['analytics', 'marketing'])
    expect(states).toEqual(['pending', 'denied', 'granted'])
    stop()
  })

  it('is pending again when a new revision of the config invalidates the choice', async () => {
    const states: ConsentState[] = []
    CookieConsent.reset(true)
    await CookieConsent.run({ ...cookieConsentConfig(), revision: 1 })
    CookieConsent.acceptCategory('all')
    CookieConsent.reset(false)
    const stop = cookieConsentConsent({ api: CookieConsent })((state) => states.push(state))
    await CookieConsent.run({ ...cookieConsentConfig(), revision: 2 })
    expect(states).toEqual(['pending'])
    stop()
  })

  it('hears nothing where CookieConsent hides from bots (its default; webdriver is one)', async () => {
    const states: ConsentState[] = []
    CookieConsent.reset(true)
    const stop = cookieConsentConsent({ api: CookieConsent })((state) => states.push(state))
    await CookieConsent.run({ ...cookieConsentConfig(), hideFromBots: true })
    expect(navigator.webdriver).toBe(true)
    expect(states).toEqual([]) // run() returned before reading its cookie or showing a modal
    stop()
  })
})
