// @vitest-environment happy-dom
// The visitor's side of §6: a `_tt` on load is taken off the address bar and, fresh and well
// formed on a site that names its linked domains, gives the ids it carries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTouchpoint, type Draft } from '../../../src/core/touchpoint'
import { createVisitor } from '../../../src/identity/identity'
import { uuidv7 } from '../../../src/lib/id'

const KEY = 'touchtrail:id'
const LINKED = ['127.0.0.1', 'localhost']
const A = '0193a4c2-0000-7000-8000-00000000000a'
const SID = '0193a4c2-0000-7000-8000-00000000000b'
const seconds = (ago = 0) => Math.floor(Date.now() / 1000) - ago

let granted = false
const mayStore = () => granted

/** Loads a page at `path` (with its query and fragment) reached from `referrer`. */
const land = (path: string, referrer = '', state: unknown = null) => {
  history.replaceState(state, '', path)
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true })
}

/** The first touchpoint of the load, built the way the tracker builds it. */
const firstTouchpoint = (visitor: ReturnType<typeof createVisitor>) => {
  const draft: Draft = {
    id: uuidv7(),
    type: 'page_view',
    at: Date.now(),
    props: '{}',
    userId: visitor.ids().userId,
    anonymousId: visitor.ids().anonymousId,
    page: { url: location.href, path: location.pathname, title: '', referrer: document.referrer },
    arrival: visitor.takeArrival(),
  }
  const built = buildTouchpoint(draft, visitor.ids(), {}, [], uuidv7)
  visitor.moveTo(built.identity)
  return built.touchpoint
}

beforeEach(() => {
  granted = false
  localStorage.clear()
})
afterEach(() => land('/'))

describe('taking _tt off the address bar', () => {
  it('keeps the other parameters as written, the fragment and history.state', () => {
    const state = { route: 7 }
    land(`/p/1?a=1&_tt=${A}.${SID}.email.${seconds()}&b=%20+c#reviews`, '', state)
    createVisitor(KEY, mayStore, LINKED)
    expect(location.pathname + location.search + location.hash).toBe('/p/1?a=1&b=%20+c#reviews')
    expect(history.state).toEqual(state)
  })

  it.each([
    ['stale', `${A}.${SID}.email.${seconds(121)}`],
    ['malformed', 'garbage'],
    ['empty', ''],
  ])('removes a %s value and keeps its own ids', (_, value) => {
    land(`/p/1?_tt=${value}`)
    const visitor = createVisitor(KEY, mayStore, LINKED)
    expect(location.search).toBe('')
    expect(visitor.ids().anonymousId).not.toBe(A)
    expect(visitor.ids().session).toBeUndefined()
  })

  it('removes it but adopts nothing on a site that names no linked domains', () => {
    land(`/p/1?_tt=${A}.${SID}.email.${seconds()}`)
    const visitor = createVisitor(KEY, mayStore)
    expect(location.search).toBe('')
    expect(visitor.ids().anonymousId).not.toBe(A)
  })

  it('leaves an address without _tt alone', () => {
    land('/p/1?a=1#x', '', { kept: true })
    createVisitor(KEY, mayStore, LINKED)
    expect(location.pathname + location.search + location.hash).toBe('/p/1?a=1#x')
  })
})

describe('adopting the ids', () => {
  it('goes on with the same visitor, session and channel', () => {
    land(`/shop?_tt=${A}.${SID}.email.${seconds(5)}`, 'http://127.0.0.1/blog')
    granted = true
    const visitor = createVisitor(KEY, mayStore, LINKED)
    const touchpoint = firstTouchpoint(visitor)
    expect(touchpoint).toMatchObject({ anonymousId: A, sessionId: SID, channel: 'email' })
  })

  it('starts a new session for a link with UTM tags, keeping the anonymousId', () => {
    land(`/shop?utm_source=blog&utm_medium=social&_tt=${A}.${SID}.email.${seconds()}`)
    const visitor = createVisitor(KEY, mayStore, LINKED)
    const touchpoint = firstTouchpoint(visitor)
    expect(touchpoint.anonymousId).toBe(A)
    expect(touchpoint.sessionId).not.toBe(SID)
    expect(touchpoint.channel).toBe('social')
  })

  it('starts its own session, direct, for a link made after the session ended', () => {
    land(`/shop?_tt=${A}...${seconds()}`, 'http://127.0.0.1/blog')
    const touchpoint = firstTouchpoint(createVisitor(KEY, mayStore, LINKED))
    expect(touchpoint).toMatchObject({ anonymousId: A, channel: 'direct' })
    expect(touchpoint.sessionId).not.toBe(SID)
  })

  it('keeps adopted ids in memory only before consent', () => {
    land(`/shop?_tt=${A}.${SID}.email.${seconds()}`)
    const visitor = createVisitor(KEY, mayStore, LINKED)
    firstTouchpoint(visitor)
    visitor.save()
    expect(visitor.ids().anonymousId).toBe(A)
    expect(localStorage.length).toBe(0)
  })

  it('wins over ids an earlier visit stored, at the grant; their userId stays', () => {
    const earlier = { anonymousId: uuidv7(), userId: 'user-1', session: undefined }
    localStorage.setItem(KEY, JSON.stringify(earlier))
    land(`/shop?_tt=${A}.${SID}.email.${seconds()}`)
    const visitor = createVisitor(KEY, mayStore, LINKED)
    granted = true
    visitor.restore()
    expect(visitor.ids()).toMatchObject({ anonymousId: A, userId: 'user-1' })
    expect(visitor.ids().session?.id).toBe(SID)
    expect(JSON.parse(localStorage.getItem(KEY)!)).toMatchObject({ anonymousId: A })
  })

  it('is dropped by a denial: a later grant finds its own ids, not the adopted ones', () => {
    land(`/shop?_tt=${A}.${SID}.email.${seconds()}`)
    const visitor = createVisitor(KEY, mayStore, LINKED)
    visitor.forget()
    granted = true
    visitor.restore()
    expect(visitor.ids().anonymousId).not.toBe(A)
    expect(visitor.ids().session).toBeUndefined()
  })

  it('gives way to stored ids at the grant after a log-out', () => {
    const earlier = { anonymousId: uuidv7(), userId: null }
    localStorage.setItem(KEY, JSON.stringify(earlier))
    land(`/shop?_tt=${A}.${SID}.email.${seconds()}`)
    const visitor = createVisitor(KEY, mayStore, LINKED)
    visitor.reset()
    granted = true
    visitor.restore()
    expect(visitor.ids().anonymousId).toBe(earlier.anonymousId)
  })
})

describe('a referrer from a linked domain', () => {
  it('neither starts a session nor sets a channel without _tt', () => {
    land('/shop', 'http://127.0.0.1/blog')
    const touchpoint = firstTouchpoint(createVisitor(KEY, mayStore, LINKED))
    expect(touchpoint.channel).toBe('direct')
  })

  it('keeps the stored session alive and its channel', () => {
    const session = { id: SID, lastAt: Date.now() - 60_000, channel: 'email' }
    localStorage.setItem(KEY, JSON.stringify({ anonymousId: A, userId: null, session }))
    land('/shop', 'http://127.0.0.1/blog')
    granted = true
    const visitor = createVisitor(KEY, mayStore, LINKED)
    visitor.restore()
    expect(firstTouchpoint(visitor)).toMatchObject({ sessionId: SID, channel: 'email' })
  })
})
