// @vitest-environment happy-dom
import { afterEach, expect, it } from 'vitest'
import { watchRoutes } from '../../../src/lib/routes'

const { pushState, replaceState } = history
afterEach(() => {
  history.pushState = pushState
  history.replaceState = replaceState
})

it('calls listeners after pushState, replaceState and popstate, with the new URL in place', () => {
  const seen: string[] = []
  const stop = watchRoutes().onRoute(() => seen.push(location.pathname))
  history.pushState({}, '', '/a')
  history.replaceState({}, '', '/b')
  dispatchEvent(new PopStateEvent('popstate'))
  expect(seen).toEqual(['/a', '/b', '/b'])
  stop()
})

it('leaves history alone until someone listens, and puts it back after the last one leaves', () => {
  const routes = watchRoutes()
  expect(history.pushState).toBe(pushState)
  const seen: string[] = []
  const stopOne = routes.onRoute(() => seen.push('one'))
  const patched = history.pushState
  expect(patched).not.toBe(pushState)
  const stopTwo = routes.onRoute(() => seen.push('two'))
  expect(history.pushState).toBe(patched) // one watcher, not one wrapper per listener
  stopOne()
  stopOne() // twice is harmless: the other listener keeps the watcher
  history.pushState({}, '', '/c')
  expect(seen).toEqual(['two'])
  stopTwo()
  expect(history.pushState).toBe(pushState)
  expect(history.replaceState).toBe(replaceState)
  history.pushState({}, '', '/d')
  dispatchEvent(new PopStateEvent('popstate'))
  expect(seen).toEqual(['two'])
})

it('keeps the state and return value of the page’s own call', () => {
  const stop = watchRoutes().onRoute(() => {})
  expect(history.pushState({ step: 2 }, '', '/e')).toBeUndefined()
  expect(history.state).toEqual({ step: 2 })
  expect(location.pathname).toBe('/e')
  stop()
})

it('leaves a wrapper that a router put over ours in place when it stops', () => {
  const seen: string[] = []
  const stop = watchRoutes().onRoute(() => seen.push('us'))
  const ours = history.pushState
  const router = function (this: History, ...args: Parameters<History['pushState']>) {
    seen.push('router')
    return ours.apply(this, args)
  }
  history.pushState = router
  stop()
  expect(history.pushState).toBe(router)
  history.pushState({}, '', '/f')
  expect(seen).toEqual(['router']) // ours only passes on now
})
