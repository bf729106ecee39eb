// The tracker of the browser tests that follow touchpoints to the test collector: granted, on its
// own inbox, sending only when the test flushes (or the page hides), shut down after each test.
import { afterEach } from 'vitest'
import { createTracker, type Tracker, type TrackerOptions } from 'touchtrail'
import type { Inbox } from './inbox'

const trackers: Tracker[] = []
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((tracker) => tracker.shutdown()))
})

/** A granted tracker on `inbox`; its 60 s batch interval leaves the requests to the test. */
export const startGranted = (inbox: Inbox, options: Partial<TrackerOptions> = {}): Tracker => {
  const tracker = createTracker({
    collector: inbox.url,
    consent: 'granted',
    queue: { name: inbox.name },
    batch: { intervalMs: 60_000 },
    ...options,
  })
  trackers.push(tracker)
  return tracker
}
