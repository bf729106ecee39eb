// Consent sources driving the real tracker in Chromium: a CMP's choice decides what reaches the
// collector and what stays on the device. The CMPs with public code run for real
// (test/support/realCmps.ts: IAB's CmpApi, the gtag snippet, Klaro, CookieConsent v3); the others
// are stand-ins following their vendor's documents (test/support/consentStandIns.ts).
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { createTracker, type Tracker } from 'touchtrail'
import { createInbox, type Inbox } from '../support/inbox'
import { databaseNames, dumpIndexedDb, storageText } from '../support/storageText'
import type { Cmp } from '../support/cmp'
import { STAND_IN_CASES } from '../support/consentStandIns'
import { REAL_CASES } from '../support/realCmps'

const trackers: Tracker[] = []
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((tracker) => tracker.shutdown()))
})

// Issue 8, for every source: before a grant nothing on the device or the wire; the grant
// delivers what was held; a withdrawal purges within 1 s and silences the tracker; a reload
// keeps the decision, granted or withdrawn, before the CMP has said anything.
const loaded: Cmp[] = []
const names: string[] = []
afterEach(() => {
  loaded.splice(0).forEach((cmp) => cmp.unload())
  for (const name of names.splice(0)) {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(`${name}:`)) localStorage.removeItem(key)
    }
  }
})
// What each source's run measured, printed for the report once the file is done.
const figures: Record<string, Record<string, number>> = {}
afterAll(() => console.info(`consent figures\n${JSON.stringify(figures, null, 1)}`))

const started = (inbox: Inbox, consent: Parameters<typeof createTracker>[0]['consent']) => {
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
// One document plays every page load here, so a reload must do what unloading a page does to
// its IndexedDB connections, close them: left open, they block the next page's deleteDatabase.
const connections: IDBDatabase[] = []
const realOpen = indexedDB.open
beforeAll(() => {
  indexedDB.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    const request = realOpen.apply(this, args)
    request.addEventListener('success', () => connections.push(request.result))
    return request
  }
})
afterAll(() => {
  indexedDB.open = realOpen
})
/** The page goes away: its tracker stops, its connections close, the CMP's globals go. */
const unloadPage = async (tracker: Tracker, cmp: Cmp) => {
  trackers.splice(trackers.indexOf(tracker), 1)
  await tracker.shutdown()
  connections.splice(0).forEach((db) => db.close())
  cmp.unload()
}
const newInbox = () => {
  const inbox = createInbox(inject('collectorUrl'))
  names.push(inbox.name)
  return inbox
}
/** Records in the queue's database; -1 when there is no such database. */
const queueRecords = async (name: string) =>
  (await dumpIndexedDb()).find((db) => db.name === name)?.records.length ?? -1
const chat = (tracker: Tracker, provider: string) =>
  tracker.track('chat_open', { provider, trigger: 'api' })
// Once the control inbox has its retried touchpoint (2 s), a retry (1 s) or an interval send
// (200 ms) of the silenced tracker would have come too.
const clockTicked = async (control: Inbox) => {
  const tracker = started(control, 'granted')
  chat(tracker, 'control')
  await tracker.flush()
  await expect.poll(async () => (await control.touchpoints()).length, { timeout: 10_000 }).toBe(1)
}

describe.each([...REAL_CASES, ...STAND_IN_CASES])(
  'consent source $name ($kind CMP)',
  ({ name, source, cmp: load }) => {
    it('stores and sends nothing before a grant, delivers on it, purges when withdrawn', async () => {
      const inbox = newInbox()
      const control = newInbox()
      // The first delivery is accepted; later ones fail with a 1 s retry, so a queue is on the device
      // when the visitor withdraws, and the tracker would come back within a second if not silenced.
      await inbox.script([{ status: 200 }], { status: 503, retryAfter: '1' })
      await control.script([{ status: 503, retryAfter: '2' }], { status: 200 })
      const cmp = load()
      loaded.push(cmp)
      await cmp.load()
      const tracker = started(inbox, source())
      const held = `held-${inbox.name}`
      const tracked = [0, 1, 2].map(() => {
        const from = Date.now()
        const id = chat(tracker, held)
        return { id, from, to: Date.now() }
      })
      expect(tracked.map(({ id }) => id)).toEqual([
        expect.any(String),
        expect.any(String),
        expect.any(String),
      ])
      expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 3 })
      await inbox.log() // a round trip: room for a send or write that should not happen
      expect((await databaseNames()).filter((db) => db.includes(inbox.name))).toEqual([])
      // Every record of every database of the origin: none is ours, none holds what was tracked.
      const recordsBefore = (await dumpIndexedDb()).flatMap((db) =>
        db.name === inbox.name ? db.records : db.records.filter((record) => record.includes(held)),
      ).length
      expect(recordsBefore).toBe(0)
      expect(await storageText()).not.toContain(held)
      expect(localStorage.getItem(`${inbox.name}:id`)).toBeNull()
      expect(localStorage.getItem(`${inbox.name}:consent`)).toBeNull()
      const requestsBefore = (await inbox.log()).length + (await inbox.preflights()).length
      expect(requestsBefore).toBe(0)

      await cmp.grant()
      await expect
        .poll(async () => (await inbox.touchpoints()).map((t) => t.id))
        .toEqual(tracked.map(({ id }) => id))
      const delivered = await inbox.touchpoints()
      delivered.forEach((touchpoint, i) => {
        expect(Date.parse(touchpoint.ts)).toBeGreaterThanOrEqual(tracked[i].from)
        expect(Date.parse(touchpoint.ts)).toBeLessThanOrEqual(tracked[i].to)
      })
      expect(localStorage.getItem(`${inbox.name}:consent`)).toBe('granted')
      const { anonymousId } = delivered[0]

      const queued = `queued-${inbox.name}`
      chat(tracker, queued)
      chat(tracker, queued)
      expect(await tracker.flush()).toMatchObject({ sent: 0, failed: 2 })
      expect(await queueRecords(inbox.name)).toBe(2) // what the purge below must delete
      expect(await storageText()).toContain(anonymousId)
      const postsBefore = (await inbox.log()).length

      const withdrawnAt = performance.now()
      await cmp.withdraw()
      let purgeMs = Infinity
      await expect
        .poll(
          async () => {
            const purged =
              (await queueRecords(inbox.name)) <= 0 &&
              localStorage.getItem(`${inbox.name}:id`) === null
            if (purged) purgeMs = performance.now() - withdrawnAt
            return purged
          },
          { timeout: 1_000, interval: 20 },
        )
        .toBe(true)
      const purgedText = await storageText()
      expect(purgedText).not.toContain(queued)
      expect(purgedText).not.toContain(anonymousId)
      expect(localStorage.getItem(`${inbox.name}:consent`)).toBe('denied')

      await inbox.script([], { status: 200 }) // a send now would be accepted and logged
      expect(chat(tracker, `after-${inbox.name}`)).toBeUndefined()
      expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
      await clockTicked(control)
      const requestsAfter = (await inbox.log()).length - postsBefore
      expect(requestsAfter).toBe(0)
      expect(await storageText()).not.toContain(`after-${inbox.name}`)
      figures[name] = { requestsBefore, recordsBefore, purgeMs: Math.round(purgeMs), requestsAfter }

      // A later page: the withdrawal holds before the CMP loads, and once it says the same.
      await unloadPage(tracker, cmp)
      const reloaded = started(inbox, source())
      expect(chat(reloaded, `reload-${inbox.name}`)).toBeUndefined()
      expect(await reloaded.flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
      const again = load()
      loaded.push(again)
      await again.load('denied')
      expect(chat(reloaded, `reload-${inbox.name}`)).toBeUndefined()
      expect(await reloaded.flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
      expect(await queueRecords(inbox.name)).toBeLessThanOrEqual(0)
      const reloadText = await storageText()
      expect(reloadText).not.toContain(`reload-${inbox.name}`)
      expect(reloadText).not.toContain(`${inbox.name}:id`)
      expect((await inbox.log()).length).toBe(postsBefore)
    })

    it('keeps a grant across a reload: delivers before the CMP has loaded', async () => {
      const inbox = newInbox()
      const cmp = load()
      loaded.push(cmp)
      await cmp.load()
      const first = started(inbox, source())
      chat(first, 'first')
      await cmp.grant()
      await expect.poll(async () => (await inbox.touchpoints()).length).toBe(1)
      const [{ anonymousId }] = await inbox.touchpoints()

      await unloadPage(first, cmp)
      const reloaded = started(inbox, source())
      const id = chat(reloaded, 'second')
      // No CMP on the page yet, so no event from it: only the remembered grant can send this.
      expect(await reloaded.flush()).toMatchObject({ sent: 1, failed: 0 })
      const again = load()
      loaded.push(again)
      await again.load('granted')
      chat(reloaded, 'third')
      expect(await reloaded.flush()).toMatchObject({ sent: 1, failed: 0 })
      const delivered = await inbox.touchpoints()
      expect(delivered.map((t) => t.props.provider)).toEqual(['first', 'second', 'third'])
      expect(delivered[1].id).toBe(id)
      // The grant lives with the queue: the visitor is the same one after the reload.
      expect(new Set(delivered.map((t) => t.anonymousId))).toEqual(new Set([anonymousId]))
      expect(localStorage.getItem(`${inbox.name}:consent`)).toBe('granted')
    })
  },
)
