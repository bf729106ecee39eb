// What the consent browser tests check at each step, over the real tracker in Chromium: what
// the device holds for one tracker (IndexedDB, web storage, cookies) and what its collector got.
import { afterEach, expect, inject } from 'vitest'
import { createTracker, type ConsentSource, type Tracker } from 'touchtrail'
import { createInbox, type Inbox } from './inbox'
import { dumpIndexedDb, storageText } from './storageText'

const trackers: Tracker[] = []
const names: string[] = []
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((tracker) => tracker.shutdown()))
  for (const name of names.splice(0)) {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(`${name}:`)) localStorage.removeItem(key)
    }
  }
})

/** A fresh inbox on the test collector; its keys in localStorage go after the test. */
export const newInbox = (): Inbox => {
  const inbox = createInbox(inject('collectorUrl'))
  names.push(inbox.name)
  return inbox
}

/** A tracker on `inbox` following `consent`, shut down after the test. */
export const startTracker = (inbox: Inbox, consent: ConsentSource): Tracker => {
  // A short interval: a send the tracker should not make would happen within the checks' wait.
  const tracker = createTracker({
    collector: inbox.url,
    queue: { name: inbox.name },
    consent,
    batch: { intervalMs: 200 },
  })
  trackers.push(tracker)
  return tracker
}

/** Tracks a chat_open whose provider is `marker`, easy to find on the device and the wire. */
export const chat = (tracker: Tracker, marker: string) =>
  tracker.track('chat_open', { provider: marker, trigger: 'api' })

/**
 * A tracker following `consent` on a fresh inbox, that has tracked one chat marked
 * `held-<inbox name>`: how each consent test starts, before the CMP answers.
 */
export const startWithChat = (consent: ConsentSource) => {
  const inbox = newInbox()
  const tracker = startTracker(inbox, consent)
  chat(tracker, `held-${inbox.name}`)
  return { inbox, tracker }
}

/** The markers of the chats the collector got, in order. */
export const markersSent = async (inbox: Inbox) =>
  (await inbox.touchpoints()).map((t) => t.props.provider)

/** Records in the queue's database; -1 when there is no such database. */
export const queueRecords = async (name: string) =>
  (await dumpIndexedDb()).find((db) => db.name === name)?.records.length ?? -1

/** Pending: nothing of this tracker on the device or the wire, `held` touchpoints in memory. */
export const expectHeld = async (tracker: Tracker, inbox: Inbox, held: number, marker: string) => {
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: held })
  await expectNothingKept(inbox, marker)
}

/** Nothing of this tracker on the device or the wire: no database, id, marker or request. */
export const expectNothingKept = async (inbox: Inbox, marker: string) => {
  expect(await queueRecords(inbox.name)).toBe(-1)
  const text = await storageText()
  expect(text).not.toContain(marker)
  expect(localStorage.getItem(`${inbox.name}:id`)).toBeNull()
  expect(await inbox.log()).toEqual([])
  expect(await inbox.preflights()).toEqual([])
}

/** Granted: the collector got exactly these markers, and the grant is remembered. */
export const expectDelivered = async (inbox: Inbox, markers: string[]) => {
  await expect.poll(() => markersSent(inbox)).toEqual(markers)
  expect(localStorage.getItem(`${inbox.name}:consent`)).toBe('granted')
  expect(localStorage.getItem(`${inbox.name}:id`)).toContain('anonymousId')
}

/** Denied: within 1 s the queue and the id are gone and the denial is the only trace. */
export const expectPurged = async (inbox: Inbox, markers: string[]) => {
  await expect
    .poll(
      async () =>
        (await queueRecords(inbox.name)) <= 0 && localStorage.getItem(`${inbox.name}:id`) === null,
      { timeout: 1_000, interval: 20 },
    )
    .toBe(true)
  const text = await storageText()
  markers.forEach((marker) => expect(text).not.toContain(marker))
  expect(localStorage.getItem(`${inbox.name}:consent`)).toBe('denied')
}
