// The Klaro source against Klaro from npm in Chromium, bundled as a site's build would (no
// window.klaro): the visitor's toggles and saves through Klaro's ConsentManager, and what each
// does to the device and the wire.
import { afterEach, describe, expect, it } from 'vitest'
import * as klaro from 'klaro'
import { klaroConsent } from 'touchtrail'
import { unset } from '../support/cmp'
import {
  chat,
  expectDelivered,
  expectHeld,
  expectPurged,
  markersSent,
  newInbox,
  startTracker,
  startWithChat,
} from '../support/consentChecks'
import { KLARO_CONFIG, page, type KlaroManager } from '../support/realCmps'

afterEach(() => unset('klaro'))
/** Klaro set up with `config`, as a new visitor meets it: nothing saved. */
const setUp = (config: object) => {
  klaro.setup({ ...config, noAutoLoad: true })
  const manager = klaro.getManager(config) as KlaroManager
  manager.resetConsents()
  return manager
}

describe('klaroConsent with Klaro from npm', () => {
  it('follows saves, not toggles, through accept, decline and accept again', async () => {
    const manager = setUp(KLARO_CONFIG)
    expect(page.klaro).toBeUndefined() // bundled: Klaro sets no global
    const { inbox, tracker } = startWithChat(klaroConsent({ klaro }))
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)
    manager.updateConsent('touchtrail', true) // toggled in the open modal, not saved
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)

    manager.saveAndApplyConsents('save')
    await expectDelivered(inbox, [`held-${inbox.name}`])

    manager.changeAll(false) // "Decline"
    manager.saveAndApplyConsents('decline')
    await expectPurged(inbox, [`held-${inbox.name}`])
    expect(chat(tracker, `declined-${inbox.name}`)).toBeUndefined()

    manager.changeAll(true) // "Accept all", later
    manager.saveAndApplyConsents('accept')
    chat(tracker, `again-${inbox.name}`)
    await expect
      .poll(() => markersSent(inbox))
      .toEqual([`held-${inbox.name}`, `again-${inbox.name}`])
  })

  it('treats a service the config marks required as granted, as Klaro runs it', async () => {
    const inbox = newInbox()
    const config = {
      ...KLARO_CONFIG,
      storageName: 'klaro-required-test',
      services: [{ name: 'touchtrail', title: 'touchtrail', required: true }],
    }
    setUp(config)
    const tracker = startTracker(inbox, klaroConsent({ klaro }))
    chat(tracker, `required-${inbox.name}`)
    await expectDelivered(inbox, [`required-${inbox.name}`])
  })
})
