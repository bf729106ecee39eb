// The Consent Mode source against Google's gtag snippet semantics in Chromium: each gtag() call
// pushes its `arguments` object onto window.dataLayer; defaults come first, the CMP's updates
// after. What each command does to the device and the wire.
import { afterEach, describe, expect, it } from 'vitest'
import { consentModeConsent } from 'touchtrail'
import { unset } from '../support/cmp'
import { expectDelivered, expectHeld, expectPurged, startWithChat } from '../support/consentChecks'
import { gtag, page } from '../support/realCmps'

afterEach(() => unset('dataLayer'))

describe('consentModeConsent with the gtag snippet', () => {
  it('holds under a denied default with wait_for_update, delivers on the update', async () => {
    gtag('consent', 'default', { analytics_storage: 'denied', wait_for_update: 500 })
    gtag('js', new Date())
    const { inbox, tracker } = startWithChat(consentModeConsent())
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)
    gtag('consent', 'update', { ad_storage: 'granted' }) // another signal: says nothing of ours
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)

    gtag('consent', 'update', { analytics_storage: 'granted' })
    await expectDelivered(inbox, [`held-${inbox.name}`])
    gtag('consent', 'update', { analytics_storage: 'denied' })
    await expectPurged(inbox, [`held-${inbox.name}`])
  })

  it('takes a granted default only once wait_for_update has passed without an update', async () => {
    gtag('consent', 'default', { analytics_storage: 'granted', wait_for_update: 1_500 })
    const { inbox, tracker } = startWithChat(consentModeConsent())
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)
    await expectDelivered(inbox, [`held-${inbox.name}`])
  })

  it('holds when any region has a denied default: the visitor region is unknown here', async () => {
    // Google's documented pattern: denied in the EEA, granted elsewhere.
    gtag('consent', 'default', { analytics_storage: 'denied', region: ['ES', 'FR', 'DE'] })
    gtag('consent', 'default', { analytics_storage: 'granted' })
    const { inbox, tracker } = startWithChat(consentModeConsent())
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)
    gtag('consent', 'update', { analytics_storage: 'granted' })
    await expectDelivered(inbox, [`held-${inbox.name}`])
  })

  it('does not take a granted default scoped to regions', async () => {
    gtag('consent', 'default', { analytics_storage: 'granted', region: ['US'] })
    const { inbox, tracker } = startWithChat(consentModeConsent())
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)
  })

  it('hears a snippet that runs after the SDK created the dataLayer', async () => {
    const { inbox, tracker } = startWithChat(consentModeConsent())
    // The snippet as pasted: keeps an existing dataLayer, so our push wrapper stays in the chain.
    page.dataLayer = page.dataLayer || []
    gtag('consent', 'default', { analytics_storage: 'denied' })
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)
    gtag('consent', 'update', { analytics_storage: 'granted' })
    await expectDelivered(inbox, [`held-${inbox.name}`])
    expect(page.dataLayer).toHaveLength(2)
  })
})
