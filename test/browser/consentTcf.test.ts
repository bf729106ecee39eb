// The TCF source against IAB's own CMP API (@iabtcf/cmpapi) in Chromium, with TC strings
// encoded by @iabtcf/core: what each TCF event and choice does to the device and the wire.
import { afterEach, describe, expect, it } from 'vitest'
import { CmpApi, CmpApiModel } from '@iabtcf/cmpapi'
import { tcfConsent } from 'touchtrail'
import { unset } from '../support/cmp'
import {
  chat,
  expectDelivered,
  expectHeld,
  expectNothingKept,
  expectPurged,
  newInbox,
  startTracker,
} from '../support/consentChecks'
import { page } from '../support/realCmps'
import { ACCEPT_ALL, REJECT_ALL, tcString, VENDOR_ID } from '../support/tcfStrings'

afterEach(() => {
  CmpApiModel.reset()
  unset('__tcfapi')
})
const newCmp = () => {
  CmpApiModel.reset()
  return new CmpApi(10, 1)
}
/** Listeners the CMP holds: the source is attached (or detached again). */
const listeners = () => CmpApiModel.eventQueue.size

describe('tcfConsent with IAB CmpApi', () => {
  it('holds through cmpuishown and delivers at useractioncomplete with purposes 1 and 8', async () => {
    const inbox = newInbox()
    const cmp = newCmp()
    cmp.update('', true) // a new visitor: the UI shows, no TC string yet
    const tracker = startTracker(inbox, tcfConsent())
    chat(tracker, `held-${inbox.name}`)
    expect(listeners()).toBe(1)
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)

    cmp.update(tcString({ consents: [1, 8] }))
    await expectDelivered(inbox, [`held-${inbox.name}`])
  })

  it('denies on purpose 1 without 8, and on 8 without 1; takes 8 by legitimate interest', async () => {
    const inbox = newInbox()
    const cmp = newCmp()
    cmp.update(tcString({ consents: [1] }), false) // a stored choice: tcloaded
    const tracker = startTracker(inbox, tcfConsent())
    expect(chat(tracker, `one-${inbox.name}`)).toBeUndefined()
    expect(localStorage.getItem(`${inbox.name}:consent`)).toBe('denied')

    cmp.update(tcString({ consents: [8], legitimateInterests: [1, 8] }))
    // @iabtcf/core never encodes legitimate interest for purpose 1 (TCF allows only consent).
    expect(chat(tracker, `eight-${inbox.name}`)).toBeUndefined()
    await expectNothingKept(inbox, `eight-${inbox.name}`)

    cmp.update(tcString({ consents: [1], legitimateInterests: [8] }))
    chat(tracker, `li-${inbox.name}`)
    await expectDelivered(inbox, [`li-${inbox.name}`])
  })

  it('needs no special feature and, when given a vendor id, that vendor', async () => {
    const inbox = newInbox()
    const cmp = newCmp()
    cmp.update(tcString({ consents: [1, 8] }), false)
    const tracker = startTracker(inbox, tcfConsent({ vendorId: VENDOR_ID }))
    expect(chat(tracker, `no-vendor-${inbox.name}`)).toBeUndefined()
    await expectNothingKept(inbox, `no-vendor-${inbox.name}`)

    cmp.update(tcString({ consents: [1, 8], vendor: true, specialFeatures: [] }))
    chat(tracker, `vendor-${inbox.name}`)
    await expectDelivered(inbox, [`vendor-${inbox.name}`])
  })

  it('purges within 1 s when the visitor rejects all after accepting', async () => {
    const inbox = newInbox()
    const cmp = newCmp()
    cmp.update(tcString(ACCEPT_ALL), false)
    const tracker = startTracker(inbox, tcfConsent())
    await inbox.script([], { status: 503, retryAfter: '5' }) // keep a queue on the device
    chat(tracker, `queued-${inbox.name}`)
    expect(await tracker.flush()).toMatchObject({ sent: 0, failed: 1 })
    const postsBefore = (await inbox.log()).length

    cmp.update(tcString(REJECT_ALL), true) // the visitor reopens the UI: not a decision yet
    cmp.update(tcString(REJECT_ALL)) // and saves "reject all"
    await expectPurged(inbox, [`queued-${inbox.name}`])
    expect(chat(tracker, `after-${inbox.name}`)).toBeUndefined()
    expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
    expect((await inbox.log()).length).toBe(postsBefore)
  })

  it('grants where GDPR does not apply (update(null))', async () => {
    const inbox = newInbox()
    const cmp = newCmp()
    const tracker = startTracker(inbox, tcfConsent())
    chat(tracker, `held-${inbox.name}`)
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`) // queued in the CMP until update
    cmp.update(null)
    await expectDelivered(inbox, [`held-${inbox.name}`])
  })

  it('finds a CMP that loads after the SDK', async () => {
    const inbox = newInbox()
    const tracker = startTracker(inbox, tcfConsent())
    chat(tracker, `held-${inbox.name}`)
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)
    const cmp = newCmp()
    cmp.update('', true)
    await expect.poll(listeners).toBe(1)
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)
    cmp.update(tcString(ACCEPT_ALL))
    await expectDelivered(inbox, [`held-${inbox.name}`])
  })

  it("goes through the IAB stub's queue when the CMP script arrives later", async () => {
    const inbox = newInbox()
    // The stub sites put in <head>: queues every call, and hands the queue over when called
    // with no arguments (what CmpApi's constructor does).
    const queue: unknown[][] = []
    page.__tcfapi = (...args: unknown[]) => {
      if (!args.length) return queue
      queue.push(args)
    }
    const tracker = startTracker(inbox, tcfConsent())
    chat(tracker, `held-${inbox.name}`)
    expect(queue.map(([command]) => command)).toEqual(['addEventListener'])
    await expectHeld(tracker, inbox, 1, `held-${inbox.name}`)

    const cmp = newCmp()
    expect(listeners()).toBe(0) // queued until the first update
    cmp.update(tcString({ consents: [1, 8] }), false)
    await expectDelivered(inbox, [`held-${inbox.name}`])
  })

  it('removes its listener from the CMP on shutdown', async () => {
    const inbox = newInbox()
    const cmp = newCmp()
    cmp.update('', true)
    const tracker = startTracker(inbox, tcfConsent())
    expect(listeners()).toBe(1)
    await tracker.shutdown()
    expect(listeners()).toBe(0)
  })
})
