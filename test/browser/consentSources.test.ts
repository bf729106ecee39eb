// Consent sources driving the real tracker in Chromium: a CMP's choice decides what reaches the
// collector and what stays on the device. The CMPs are stand-ins implementing their documented
// JavaScript API (the TCF CMP API v2, gtag's consent commands in the dataLayer).
import { afterEach, expect, inject, it } from 'vitest'
import { createTracker, type Tracker } from 'touchtrail'
import { consentModeConsent } from '../../src/consent/consentMode'
import { tcfConsent } from '../../src/consent/tcf'
import { createInbox } from '../inbox'
import { databaseNames, storageText } from '../storageText'

type Callback = (data: object, success: boolean) => void
const w = window as unknown as { __tcfapi?: unknown; dataLayer?: unknown[] }
const trackers: Tracker[] = []
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((tracker) => tracker.shutdown()))
  delete w.__tcfapi
  delete w.dataLayer
})

// A TCF CMP with one listener slot: calls back at once, then on every change.
const fakeTcf = () => {
  const listeners = new Map<number, Callback>()
  let data: object = { gdprApplies: true, eventStatus: 'cmpuishown' }
  w.__tcfapi = (command: string, _v: number, callback: Callback, id?: number) => {
    if (command === 'addEventListener') {
      listeners.set(listeners.size + 1, callback)
      callback({ ...data, listenerId: listeners.size }, true)
    } else if (command === 'removeEventListener') listeners.delete(id!)
  }
  return (consents: Record<number, boolean>) => {
    const purpose = { consents, legitimateInterests: {} }
    data = { gdprApplies: true, eventStatus: 'useractioncomplete', purpose }
    listeners.forEach((callback, listenerId) => callback({ ...data, listenerId }, true))
  }
}

it('delivers only after the TCF choice, and deletes everything when it is withdrawn', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const choose = fakeTcf()
  const tracker = createTracker({
    collector: inbox.url, queue: { name: inbox.name }, consent: tcfConsent(),
  })
  trackers.push(tracker)
  tracker.track('chat_open', { provider: `before-${inbox.name}`, trigger: 'api' })
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 1 })
  expect(await databaseNames()).not.toContain(inbox.name)

  choose({ 1: true, 8: true })
  await tracker.flush()
  await expect.poll(async () => (await inbox.touchpoints()).map((t) => t.props.provider))
    .toEqual([`before-${inbox.name}`])
  expect(localStorage.getItem(`${inbox.name}:id`)).toContain('anonymousId')

  choose({})
  tracker.track('chat_open', { provider: `after-${inbox.name}`, trigger: 'api' })
  await expect.poll(() => localStorage.getItem(`${inbox.name}:consent`)).toBe('denied')
  await expect.poll(() => localStorage.getItem(`${inbox.name}:id`)).toBeNull()
  await expect.poll(async () => await storageText()).not.toContain(`before-${inbox.name}`)
  await tracker.flush()
  expect((await inbox.log()).length).toBe(1) // the one delivery before withdrawal, nothing since
})

it('holds a remembered grant while Consent Mode waits, and delivers on the update', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  localStorage.setItem(`${inbox.name}:consent`, 'granted') // an earlier page's grant
  w.dataLayer = [['consent', 'default', { analytics_storage: 'denied', wait_for_update: 500 }]]
  const tracker = createTracker({
    collector: inbox.url, queue: { name: inbox.name }, consent: consentModeConsent(),
  })
  trackers.push(tracker)
  tracker.track('chat_open', { provider: 'held', trigger: 'api' })
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 1 })
  expect(await inbox.log()).toEqual([])

  w.dataLayer.push(['consent', 'update', { analytics_storage: 'granted' }])
  await tracker.flush()
  await expect.poll(async () => (await inbox.touchpoints()).map((t) => t.props.provider))
    .toEqual(['held'])
  localStorage.removeItem(`${inbox.name}:consent`)
  localStorage.removeItem(`${inbox.name}:id`)
})
