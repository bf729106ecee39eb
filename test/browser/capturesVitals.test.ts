import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { captureVitals } from '../../src/captures/vitals'
import { createRecorder, restoreVisibility, setVisibility } from '../support/captureRecorder'

describe('captureVitals in Chromium (real web-vitals)', () => {
  let stop = () => {}
  afterEach(() => {
    stop()
    restoreVisibility()
  })

  it('emits the measured vitals when the page is hidden, once per hide with new values', async () => {
    document.body.innerHTML =
      '<h1 style="font-size:64px">Largest text on the page</h1><button>ok</button>'
    const recorder = createRecorder()
    recorder.pageViewId = 'pv-42'
    stop = recorder.start(captureVitals())
    // A trusted click ends LCP observation (web-vitals waits for input or a real hide).
    await userEvent.click(document.querySelector('button')!)
    const vitals = () => recorder.of('page_vitals')
    await expect
      .poll(
        () => {
          setVisibility('hidden')
          setVisibility('visible')
          return Object.keys(vitals().at(-1) ?? {}).sort()
        },
        { timeout: 10_000 },
      )
      .toEqual(expect.arrayContaining(['cls', 'fcp', 'lcp', 'pageViewId', 'ttfb']))
    const last = vitals().at(-1)!
    expect(last.pageViewId).toBe('pv-42')
    for (const name of ['fcp', 'lcp', 'ttfb', 'cls']) expect(typeof last[name]).toBe('number')
    expect(last.lcp as number).toBeGreaterThan(0)
    // Once web-vitals has nothing new (a late INP from the click may still come), a hide sends
    // nothing: each page_vitals carries a change.
    await expect
      .poll(() => {
        const count = vitals().length
        setVisibility('hidden')
        dispatchEvent(new Event('pagehide'))
        setVisibility('visible')
        return vitals().length - count
      })
      .toBe(0)
    const sent = vitals().map((props) => JSON.stringify(props))
    expect(new Set(sent).size).toBe(sent.length)
  })

  it('emits nothing once stopped', async () => {
    const stopped = createRecorder()
    const running = createRecorder()
    stop = stopped.start(captureVitals())
    const stopRunning = running.start(captureVitals())
    stop()
    // The running one shows that vitals were there to send when the page was hidden.
    await expect
      .poll(() => {
        setVisibility('hidden')
        setVisibility('visible')
        return running.of('page_vitals').length
      })
      .toBeGreaterThan(0)
    stopRunning()
    expect(stopped.calls).toEqual([])
  })
})
