// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Metric } from 'web-vitals'
import { captureContext } from '../../support/captureContext'

// web-vitals needs real performance entries: here each onX hands its callback to the test.
const reporters = vi.hoisted(() => new Map<string, (metric: Partial<Metric>) => void>())
const options = vi.hoisted(() => new Map<string, { reportAllChanges?: boolean } | undefined>())
vi.mock('web-vitals', () => {
  const on =
    (name: string) =>
    (callback: (metric: Partial<Metric>) => void, opts?: { reportAllChanges?: boolean }) => {
      reporters.set(name, callback)
      options.set(name, opts)
    }
  return {
    onLCP: on('LCP'),
    onINP: on('INP'),
    onCLS: on('CLS'),
    onFCP: on('FCP'),
    onTTFB: on('TTFB'),
  }
})
const { captureVitals } = await import('../../../src/captures/vitals')

describe('captureVitals', () => {
  let stop: () => void = () => {}
  let pageViewId: string | undefined = 'pv1'
  const context = captureContext({ pageViewId: () => pageViewId })
  const emit = vi.fn((_type: string, _props: Record<string, unknown>) => 'id')
  let visibility: DocumentVisibilityState = 'visible'
  const report = (name: string, value: number) =>
    reporters.get(name)!({ name: name as Metric['name'], value })
  const hide = () => {
    visibility = 'hidden'
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
  }
  const show = () => {
    visibility = 'visible'
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
  }

  beforeEach(() => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => visibility,
    })
    visibility = 'visible'
    pageViewId = 'pv1'
    stop = captureVitals()(emit, context)
  })
  afterEach(() => {
    stop()
    emit.mockClear()
  })

  it('subscribes to all five metrics, for final values only', () => {
    expect([...reporters.keys()].sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB'])
    expect([...options.values()].filter((opts) => opts?.reportAllChanges)).toEqual([])
  })

  it('emits the measured values once the page is hidden, with the page view id', () => {
    report('FCP', 812.5)
    report('TTFB', 120)
    expect(emit).not.toHaveBeenCalled()
    report('LCP', 1500)
    report('CLS', 0.02)
    hide()
    expect(emit.mock.calls).toEqual([
      ['page_vitals', { fcp: 812.5, ttfb: 120, lcp: 1500, cls: 0.02, pageViewId: 'pv1' }],
    ])
  })

  it('sends nothing when nothing was measured, and nothing twice', () => {
    hide()
    show()
    expect(emit).not.toHaveBeenCalled()
    report('FCP', 900)
    hide()
    dispatchEvent(new Event('pagehide'))
    show()
    hide()
    expect(emit).toHaveBeenCalledTimes(1)
  })

  it('emits again on a later hide when a value changed, with all values known', () => {
    report('FCP', 900)
    hide()
    show()
    pageViewId = undefined
    report('INP', 64)
    hide()
    expect(emit.mock.calls[1]).toEqual(['page_vitals', { fcp: 900, inp: 64, pageViewId: '' }])
  })

  it('emits on pagehide too, and nothing after stop', () => {
    report('TTFB', 50)
    dispatchEvent(new Event('pagehide'))
    expect(emit).toHaveBeenCalledTimes(1)
    stop()
    report('CLS', 0.1)
    hide()
    expect(emit).toHaveBeenCalledTimes(1)
  })
})
