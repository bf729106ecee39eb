// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { capturePageViews } from '../../../src/captures/pageView'
import { captureContext } from '../../support/captureContext'

const context = captureContext()

describe('capturePageViews', () => {
  let stop: () => void = () => {}
  const emit = vi.fn((_type: string, _props: Record<string, unknown>) => 'id')
  const start = (settleMs?: number) => {
    stop = capturePageViews(settleMs === undefined ? {} : { settleMs })(emit, context)
  }

  beforeEach(() => {
    vi.useFakeTimers()
    history.replaceState(null, '', '/start?x=1')
    document.title = 'Start'
    emit.mockClear()
  })
  afterEach(() => {
    stop()
    vi.useRealTimers()
  })

  it('emits the page it starts on once settled, with the title the app set after load', () => {
    start()
    document.title = 'Product 7'
    vi.advanceTimersByTime(99)
    expect(emit).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(emit.mock.calls).toEqual([
      ['page_view', { path: '/start', title: 'Product 7', referrer: document.referrer }],
    ])
  })

  it('emits the first view at once when the page is hidden before it settled', () => {
    start()
    dispatchEvent(new Event('pagehide'))
    expect(emit.mock.calls).toEqual([
      ['page_view', { path: '/start', title: 'Start', referrer: document.referrer }],
    ])
    vi.advanceTimersByTime(200)
    expect(emit).toHaveBeenCalledTimes(1)
  })

  it('emits a route change once settled, with the title set after pushState', () => {
    start()
    vi.advanceTimersByTime(100)
    emit.mockClear()
    history.pushState(null, '', '/products/1?token=secret')
    document.title = 'Product 1'
    vi.advanceTimersByTime(99)
    expect(emit).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(emit.mock.calls).toEqual([
      [
        'page_view',
        { path: '/products/1', title: 'Product 1', referrer: `${location.origin}/start?x=1` },
      ],
    ])
  })

  it('gives several history calls to one path one view', () => {
    start(50)
    vi.advanceTimersByTime(50)
    emit.mockClear()
    history.pushState(null, '', '/a')
    history.replaceState(null, '', '/a?tab=2')
    history.pushState(null, '', '/a?tab=3')
    vi.advanceTimersByTime(50)
    expect(emit).toHaveBeenCalledTimes(1)
    expect(emit.mock.calls[0]![1]).toMatchObject({ path: '/a' })
  })

  it('ignores replaceState on the same path, and a path that comes back within the window', () => {
    start()
    vi.advanceTimersByTime(100)
    emit.mockClear()
    history.replaceState(null, '', '/start?x=2')
    vi.advanceTimersByTime(200)
    history.pushState(null, '', '/elsewhere')
    history.replaceState(null, '', '/start')
    vi.advanceTimersByTime(200)
    expect(emit).not.toHaveBeenCalled()
  })

  it('uses the latest URL of the previous view as the next referrer, secrets removed', () => {
    start()
    history.replaceState(null, '', '/start?email=ann%40example.com&tab=2')
    vi.advanceTimersByTime(200)
    emit.mockClear()
    history.pushState(null, '', '/next')
    vi.advanceTimersByTime(200)
    expect(emit.mock.calls[0]![1]).toMatchObject({ referrer: `${location.origin}/start?tab=2` })
  })

  it('emits on popstate', () => {
    const replace = history.replaceState
    start()
    vi.advanceTimersByTime(100)
    emit.mockClear()
    // The URL moves without a history call, as on back/forward; only popstate tells.
    replace.call(history, null, '', '/c')
    vi.advanceTimersByTime(200)
    expect(emit).not.toHaveBeenCalled()
    dispatchEvent(new PopStateEvent('popstate'))
    vi.advanceTimersByTime(200)
    expect(emit.mock.calls.map((call) => call[1].path)).toEqual(['/c'])
  })

  it('restores history on stop and emits nothing after it', () => {
    const push = history.pushState
    const replace = history.replaceState
    start()
    expect(history.pushState).not.toBe(push)
    stop()
    expect(history.pushState).toBe(push)
    expect(history.replaceState).toBe(replace)
    emit.mockClear()
    history.pushState(null, '', '/after')
    dispatchEvent(new PopStateEvent('popstate'))
    vi.advanceTimersByTime(200)
    expect(emit).not.toHaveBeenCalled()
  })

  it('keeps a wrapper added after ours working after stop, and goes quiet', () => {
    const push = history.pushState
    start()
    const ours = history.pushState
    const seen: string[] = []
    history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
      seen.push(String(args[2]))
      return ours.apply(this, args)
    }
    const theirs = history.pushState
    stop()
    expect(history.pushState).toBe(theirs)
    emit.mockClear()
    history.pushState(null, '', '/theirs')
    vi.advanceTimersByTime(200)
    expect(seen).toEqual(['/theirs'])
    expect(location.pathname).toBe('/theirs')
    expect(emit).not.toHaveBeenCalled()
    history.pushState = push
  })
})
