// @vitest-environment happy-dom
// A `_tt` meets the consent state at load: adopted while pending or granted, ignored after a
// remembered denial or under Global Privacy Control, removed from the address bar in every case.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createTracker } from '../../../src/tracker'
import type { Batch, Tracker } from '../../../src/types'

const A = '0193a4c2-0000-7000-8000-00000000000a'
const SID = '0193a4c2-0000-7000-8000-00000000000b'
let tracker: Tracker | undefined
let name = ''

/** Loads the shop with a fresh `_tt`, starts a tracker, grants, tracks; what was delivered. */
const visit = async (before: () => void = () => {}) => {
  history.replaceState(null, '', `/shop?a=1&_tt=${A}.${SID}.email.${Math.floor(Date.now() / 1000)}`)
  name = `link-${crypto.randomUUID()}`
  before()
  const batches: Batch[] = []
  tracker = createTracker({
    collector: async (batch) => void batches.push(batch),
    linkDomains: ['blog.example'],
    queue: { name },
  })
  expect(location.search).toBe('?a=1')
  tracker.consent('granted')
  tracker.track('chat_open', { provider: 'custom', trigger: 'api' })
  await tracker.flush()
  return batches.flatMap(({ batch }) => batch)
}

beforeEach(() => localStorage.clear())
afterEach(async () => {
  await tracker?.shutdown()
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: false, configurable: true })
})

it('adopts the ids while consent is pending, and uses them once granted', async () => {
  const [touchpoint] = await visit()
  expect(touchpoint).toMatchObject({ anonymousId: A, sessionId: SID, channel: 'email' })
})

it('ignores _tt after a remembered denial, even when the site grants later', async () => {
  const [touchpoint] = await visit(() => localStorage.setItem(`${name}:consent`, 'denied'))
  expect(touchpoint!.anonymousId).not.toBe(A)
  expect(touchpoint!.sessionId).not.toBe(SID)
})

it('ignores _tt under Global Privacy Control', async () => {
  const [touchpoint] = await visit(() =>
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true }),
  )
  expect(touchpoint!.anonymousId).not.toBe(A)
})
