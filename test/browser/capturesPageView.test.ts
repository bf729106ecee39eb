import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { capturePageViews } from '../../src/captures/pageView'
import { createRecorder, type Recorder } from '../support/captureRecorder'

describe('capturePageViews in Chromium', () => {
  const home = location.href
  // The runner's URL carries a sessionId, a name that reads as a secret: it never leaves.
  const homeRedacted = home.replace(/sessionId=[^&#]*&?/, '')
  let recorder: Recorder
  let stop = () => {}
  beforeEach(() => {
    recorder = createRecorder()
    document.title = 'Home'
  })
  afterEach(() => {
    stop()
    history.replaceState(null, '', home)
  })
  const paths = () => recorder.of('page_view').map((view) => view.path)
  /** Starts the capture and waits for the view of the page it starts on, which waits to settle. */
  const startOnHome = async (settleMs?: number) => {
    stop = recorder.start(capturePageViews(settleMs === undefined ? {} : { settleMs }))
    await expect.poll(paths).toEqual([new URL(home).pathname])
  }

  it('emits the initial view, then each SPA route with the title the router set after it', async () => {
    stop = recorder.start(capturePageViews())
    document.title = 'Home' // as an app does once its scripts ran: the first view reads it
    await expect.poll(paths).toHaveLength(1)
    // The runner's own page is the referrer here; its sessionId parameter reads as a secret.
    expect(document.referrer).toContain('sessionId=')
    expect(recorder.of('page_view')).toEqual([
      { path: location.pathname, title: 'Home', referrer: document.referrer.split('?')[0] },
    ])
    history.pushState(null, '', '/shop/p/1?password=hunter2&color=red')
    setTimeout(() => (document.title = 'Product 1'), 0) // as a router does, a task later
    await expect.poll(() => recorder.of('page_view').length).toBe(2)
    expect(home).toContain('sessionId=')
    expect(recorder.of('page_view')[1]).toEqual({
      path: '/shop/p/1',
      title: 'Product 1',
      referrer: homeRedacted,
    })
    history.pushState(null, '', '/shop/cart')
    await expect.poll(paths).toEqual([new URL(home).pathname, '/shop/p/1', '/shop/cart'])
    expect(recorder.of('page_view')[2]!.referrer).toBe(`${location.origin}/shop/p/1?color=red`)
    expect(recorder.json()).not.toContain('hunter2')
  })

  it('gives history calls within the settle window one view, and same-path replaceState none', async () => {
    await startOnHome(50)
    history.replaceState(null, '', '?tab=2')
    history.pushState(null, '', '/burst')
    history.replaceState(null, '', '/burst?step=1')
    history.pushState(null, '', '/burst?step=2')
    await expect.poll(paths).toEqual([new URL(home).pathname, '/burst'])
    history.replaceState(null, '', '/burst?step=3')
    history.pushState(null, '', '/after')
    await expect.poll(paths).toEqual([new URL(home).pathname, '/burst', '/after'])
    expect(recorder.of('page_view')[2]!.referrer).toBe(`${location.origin}/burst?step=3`)
  })

  it('emits on back and forward (popstate)', async () => {
    await startOnHome(0)
    history.pushState(null, '', '/one')
    await expect.poll(paths).toContain('/one')
    history.pushState(null, '', '/two')
    await expect.poll(paths).toContain('/two')
    history.back()
    await expect.poll(() => paths().slice(-1)).toEqual(['/one'])
    history.forward()
    await expect.poll(() => paths().slice(-1)).toEqual(['/two'])
    expect(paths().slice(1)).toEqual(['/one', '/two', '/one', '/two'])
  })

  it('restores history on stop, keeps a later wrapper, and emits nothing after', async () => {
    const push = history.pushState
    await startOnHome(0)
    const ours = history.pushState
    let theirs = 0
    history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
      theirs++
      return ours.apply(this, args)
    }
    stop()
    history.pushState(null, '', '/quiet')
    expect(theirs).toBe(1)
    expect(location.pathname).toBe('/quiet')
    history.pushState = push
    const other = createRecorder()
    const stopOther = other.start(capturePageViews({ settleMs: 0 }))
    await expect.poll(() => other.of('page_view').length).toBe(1)
    history.pushState(null, '', '/loud')
    await expect.poll(() => other.of('page_view').length).toBe(2)
    stopOther()
    expect(recorder.of('page_view')).toHaveLength(1)
  })
})
