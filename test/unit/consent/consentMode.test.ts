// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { consentModeConsent } from '../../../src/consent/consentMode'
import { followInGate, recordStates } from '../../support/consentRecorder'

type Layer = unknown[]
const w = window as unknown as { dataLayer?: Layer; otherLayer?: Layer }
// The gtag.js snippet: each call pushes its `arguments` object, not an array.
function gtag(..._args: unknown[]) {
  // eslint-disable-next-line prefer-rest-params
  w.dataLayer!.push(arguments)
}

const { states, record } = recordStates({ globals: ['dataLayer', 'otherLayer'], fakeTimers: true })

describe('consentModeConsent', () => {
  it('says nothing before a consent command, and creates the dataLayer gtag will use', () => {
    const stop = consentModeConsent()(record)
    expect(Array.isArray(w.dataLayer)).toBe(true)
    gtag('js', new Date())
    gtag('consent', 'update', { ad_storage: 'granted' })
    expect(states).toEqual([])
    gtag('consent', 'update', { analytics_storage: 'granted' })
    expect(states).toEqual(['granted'])
    stop()
  })

  it('holds a denied default as pending, then follows every update', () => {
    w.dataLayer = []
    gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' })
    const stop = consentModeConsent()(record)
    gtag('event', 'page_view')
    gtag('consent', 'update', { analytics_storage: 'granted' })
    gtag('consent', 'update', { ad_storage: 'denied' }) // says nothing about analytics
    gtag('consent', 'update', { analytics_storage: 'denied' })
    gtag('consent', 'update', { analytics_storage: 'granted' })
    expect(states).toEqual(['pending', 'granted', 'denied', 'granted'])
    stop()
  })

  it('reads commands already queued: the last update wins', () => {
    w.dataLayer = [{ event: 'gtm.js' }, null, 'consent']
    gtag('consent', 'default', { analytics_storage: 'denied' })
    gtag('consent', 'update', { analytics_storage: 'granted' })
    w.dataLayer.push(['consent', 'update', { analytics_storage: 'denied' }]) // a plain array
    const stop = consentModeConsent()(record)
    expect(states).toEqual(['denied'])
    stop()
  })

  it('takes a granted default only without a region, after wait_for_update', () => {
    w.dataLayer = []
    gtag('consent', 'default', { analytics_storage: 'granted', region: ['US'] })
    const regional = consentModeConsent()(record)
    expect(states).toEqual(['pending'])
    regional()

    states.length = 0
    w.dataLayer = []
    gtag('consent', 'default', { analytics_storage: 'granted', wait_for_update: 500 })
    const stop = consentModeConsent()(record)
    expect(states).toEqual(['pending'])
    vi.advanceTimersByTime(499)
    expect(states).toEqual(['pending'])
    vi.advanceTimersByTime(1)
    expect(states).toEqual(['pending', 'granted'])
    stop()
  })

  it('lets any denied default, even regional, outweigh a granted one', () => {
    w.dataLayer = []
    gtag('consent', 'default', { analytics_storage: 'granted' })
    gtag('consent', 'default', { analytics_storage: 'denied', region: ['FR'] })
    const stop = consentModeConsent()(record)
    expect(states).toEqual(['pending'])
    stop()
  })

  it('chains the push it found and restores it on stop', () => {
    const seen: unknown[] = []
    w.dataLayer = []
    const original = function (this: Layer, ...items: unknown[]) {
      seen.push(...items)
      return Array.prototype.push.apply(this, items)
    }
    w.dataLayer.push = original
    const stop = consentModeConsent()(record)
    expect(w.dataLayer.push(['consent', 'update', { analytics_storage: 'granted' }])).toBe(1)
    expect(seen).toHaveLength(1)
    stop()
    expect(w.dataLayer.push).toBe(original)
    gtag('consent', 'update', { analytics_storage: 'denied' })
    expect(states).toEqual(['granted'])
  })

  it('stays silent after stop even when wrapped over by someone else', () => {
    w.dataLayer = []
    gtag('consent', 'default', { analytics_storage: 'denied' })
    const stop = consentModeConsent()(record)
    const ours = w.dataLayer.push
    const theirs = (...items: unknown[]) => ours.apply(w.dataLayer, items)
    w.dataLayer.push = theirs
    stop()
    expect(w.dataLayer.push).toBe(theirs)
    gtag('consent', 'update', { analytics_storage: 'granted' })
    expect(states).toEqual(['pending'])
    expect(w.dataLayer).toHaveLength(2) // the push still went through
  })

  it('uses a named dataLayer and cancels a wait_for_update on stop', () => {
    w.otherLayer = [['consent', 'default', { analytics_storage: 'granted', wait_for_update: 50 }]]
    const stop = consentModeConsent({ dataLayer: 'otherLayer' })(record)
    stop()
    vi.advanceTimersByTime(100)
    expect(states).toEqual(['pending'])
  })

  it('throws nothing through the tracker when the dataLayer does, and onError hears of it', () => {
    Object.defineProperty(window, 'dataLayer', {
      configurable: true,
      get() {
        throw new Error('getter broke')
      },
    })
    const { gate, reports } = followInGate(consentModeConsent())
    expect(reports).toEqual(['internal: consent source() failed'])
    expect(gate.state()).toBe('pending')
    Reflect.deleteProperty(window, 'dataLayer')
  })
})
