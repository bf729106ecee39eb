// @vitest-environment happy-dom
import { beforeEach, expect, it } from 'vitest'
import type { Identity } from '../../../src/core/touchpoint'
import { createVisitor } from '../../../src/identity/identity'

// The consent gate is the visitor's one neighbour: a switch the test flips.
let granted: boolean
let key: string
const stored = () => JSON.parse(localStorage.getItem(key) ?? 'null') as Identity | null
const visitor = () => createVisitor(key, () => granted)
const session = (id: string) => ({ id, lastAt: 0, channel: 'direct' as const })

beforeEach(() => {
  granted = false
  key = `${crypto.randomUUID()}:id`
})

it('starts with a fresh anonymousId and no userId', () => {
  const a = visitor().ids()
  const b = visitor().ids()
  expect(a.anonymousId).toMatch(/^[0-9a-f-]{36}$/)
  expect(a.anonymousId).not.toBe(b.anonymousId)
  expect(a.userId).toBeNull()
})

it('keeps the ids in memory only, until consent allows storing them', () => {
  const v = visitor()
  v.identify('u1')
  v.reset()
  v.save()
  v.moveTo({ ...v.ids(), session: session('s1') })
  expect(localStorage.getItem(key)).toBeNull()
  granted = true
  v.identify('u2')
  expect(stored()).toEqual(v.ids())
  expect(stored()!.userId).toBe('u2')
})

it('identify and reset change the ids from now on', () => {
  const v = visitor()
  const before = v.ids()
  v.identify('u1')
  expect(v.ids()).toEqual({ ...before, userId: 'u1' })
  v.reset()
  expect(v.ids().userId).toBeNull()
  expect(v.ids().anonymousId).not.toBe(before.anonymousId)
})

it('saves a new session at once, so other tabs join it, and not every touchpoint', () => {
  granted = true
  const v = visitor()
  v.moveTo({ ...v.ids(), session: session('s1') })
  expect(stored()!.session!.id).toBe('s1')
  localStorage.removeItem(key)
  v.moveTo({ ...v.ids(), session: { ...session('s1'), lastAt: 5 } })
  expect(localStorage.getItem(key)).toBeNull()
  expect(v.ids().session!.lastAt).toBe(5)
})

it('on grant, restores the ids an earlier visit stored, keeping this page’s userId', () => {
  granted = true
  const earlier = visitor()
  earlier.identify('old-user')
  granted = false // a later load, consent pending again
  const anonymous = visitor()
  const identified = visitor()
  identified.identify('new-user')
  granted = true
  anonymous.restore()
  expect(anonymous.ids()).toEqual(earlier.ids())
  identified.restore()
  expect(identified.ids()).toEqual({ ...earlier.ids(), userId: 'new-user' })
  expect(stored()).toEqual(identified.ids())
})

it.each(['not json', '{"userId":"u"}', '42'])('starts afresh over stored %j', (junk) => {
  localStorage.setItem(key, junk)
  granted = true
  const v = visitor()
  const own = v.ids()
  v.restore()
  expect(v.ids()).toEqual(own)
  expect(stored()).toEqual(own)
})

it('on denial, deletes the stored ids and takes new ones in memory', () => {
  granted = true
  const v = visitor()
  v.identify('u1')
  const before = v.ids()
  granted = false
  v.forget()
  expect(localStorage.getItem(key)).toBeNull()
  expect(v.ids().userId).toBeNull()
  expect(v.ids().anonymousId).not.toBe(before.anonymousId)
})

it('gives how the page load arrived to the first touchpoint only', () => {
  history.replaceState({}, '', '/landing?utm_source=newsletter&utm_medium=email')
  const v = visitor()
  expect(v.takeArrival()).toMatchObject({
    channel: 'email',
    campaign: { source: 'newsletter', medium: 'email' },
  })
  expect(v.takeArrival()).toBeUndefined()
})

it('keeps the ids reset() gave up for drafts tracked under them, apart from the new ones', () => {
  granted = true
  const v = visitor()
  v.identify('u1')
  const before = v.ids()
  v.reset()
  const after = v.ids()
  expect(v.idsOf(before.anonymousId)).toEqual(before)
  expect(v.idsOf(after.anonymousId)).toBe(after)
  expect(v.idsOf('restored-or-unknown')).toBe(after) // drafts from before a restore take its ids
  v.moveTo({ ...before, session: session('old') }) // a held draft of u1's, built now
  expect(v.ids()).toBe(after)
  expect(v.idsOf(before.anonymousId).session!.id).toBe('old')
  expect(stored()).toEqual(after) // the given-up ids are never stored again
  v.forget()
  expect(v.idsOf(before.anonymousId)).toEqual(v.ids())
})
