import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals'
import type { CaptureSetup } from '../types'

/**
 * Emits one `page_vitals` each time the page is hidden with values not sent yet: those of LCP,
 * INP, CLS, FCP and TTFB that web-vitals has measured, and the id of the latest page view.
 */
export const captureVitals = (): CaptureSetup => (emit, context) => {
  let live = true
  let fresh = false
  const values: Record<string, number> = {}
  const record = (metric: Metric) => {
    values[metric.name.toLowerCase()] = metric.value
    fresh = true
  }
  // web-vitals reports a final value (LCP, CLS, INP) from its own hidden listeners.
  for (const on of [onLCP, onINP, onCLS, onFCP, onTTFB]) on(record)
  const hidden = (event: Event) => {
    if (!live || !fresh || (event.type !== 'pagehide' && document.visibilityState !== 'hidden')) {
      return
    }
    fresh = false
    emit('page_vitals', { ...values, pageViewId: context.pageViewId() ?? '' })
  }
  // Bubble phase on window, registered after web-vitals': its listeners capture, so they have run
  // (and reported) by the time ours does.
  addEventListener('visibilitychange', hidden)
  addEventListener('pagehide', hidden)
  return () => {
    // web-vitals cannot be unsubscribed: its reports are ignored from now on.
    live = false
    removeEventListener('visibilitychange', hidden)
    removeEventListener('pagehide', hidden)
  }
}
