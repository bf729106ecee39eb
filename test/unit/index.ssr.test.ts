// Server rendering: the package imports and runs in Node, where there is no window.
import { expect, it } from 'vitest'
import * as touchtrail from '../../src/index'

it('imports without touching window, and gives a tracker that does nothing where there is none', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
  const tracker = touchtrail.createTracker({
    collector: 'https://collect.example/t',
    consent: 'granted',
  })
  expect(tracker.track('chat_open', { provider: 'x', trigger: 'api' })).toBeUndefined()
  expect(tracker.page()).toBeUndefined()
  expect(tracker.identify('u1')).toBeUndefined()
  tracker.consent('granted')
  tracker.reset()
  expect(await tracker.flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
  await expect(tracker.shutdown()).resolves.toBeUndefined()
})

it('builds the captures and consent sources without a DOM: they only act once started', () => {
  const setups = [
    touchtrail.capturePageViews(),
    touchtrail.captureFormSubmits(),
    touchtrail.captureChatOpens(),
    touchtrail.captureChatWidgets(),
    touchtrail.captureReviewReads(),
    touchtrail.captureVitals(),
  ]
  expect(setups.every((setup) => typeof setup === 'function')).toBe(true)
  expect(typeof touchtrail.tcfConsent()).toBe('function')
})
