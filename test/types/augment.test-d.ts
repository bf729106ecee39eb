// What an app writes to add its own touchpoint type; each @ts-expect-error must find its error.
import { expectTypeOf, it } from 'vitest'
import { createTracker } from 'touchtrail'
import type { Touchpoint, TouchpointProps, Tracker } from 'touchtrail'

declare module 'touchtrail' {
  interface TouchpointProps {
    newsletter_signup: { list: string; doubleOptIn?: boolean }
  }
}

const tracker = createTracker({ collector: '/t' })

it('checks the props of an app-declared type', () => {
  tracker.track('newsletter_signup', { list: 'weekly' })
  tracker.track('newsletter_signup', { list: 'weekly', doubleOptIn: true })
  // @ts-expect-error list is a string
  tracker.track('newsletter_signup', { list: 1 })
  // @ts-expect-error list is required
  tracker.track('newsletter_signup', {})
  // @ts-expect-error unknown until the app declares it
  tracker.track('newsletter_signp', { list: 'weekly' })
  expectTypeOf<TouchpointProps['newsletter_signup']>().toEqualTypeOf<{
    list: string
    doubleOptIn?: boolean
  }>()
})

it('keeps the built-in types checked beside the declared one', () => {
  tracker.track('chat_open', { provider: 'intercom', trigger: 'widget' })
  // @ts-expect-error trigger is one of click | widget | api
  tracker.track('chat_open', { provider: 'intercom', trigger: 'hover' })
  // @ts-expect-error a wrong prop on a built-in type
  tracker.track('review_read', { reviewId: 'r1', dwellMs: 2500, stars: 5 })
  // @ts-expect-error dwellMs is required
  tracker.track('review_read', { reviewId: 'r1' })
})

it('types what the tracker returns', () => {
  expectTypeOf(tracker).toEqualTypeOf<Tracker>()
  expectTypeOf(tracker.track('newsletter_signup', { list: 'w' })).toEqualTypeOf<
    string | undefined
  >()
  expectTypeOf(tracker.flush()).resolves.toEqualTypeOf<{
    sent: number
    failed: number
    pending: number
  }>()
  expectTypeOf<Touchpoint<'newsletter_signup'>['props']>().toEqualTypeOf<{
    list: string
    doubleOptIn?: boolean
  }>()
})

it('checks the options', () => {
  createTracker({ collector: { url: '/t', headers: { 'X-Site': 'shop' } }, consent: 'granted' })
  createTracker({ collector: async () => {}, queue: { name: 'q', maxEvents: 10 } })
  // @ts-expect-error consent is required | granted | a source, not a boolean
  createTracker({ collector: '/t', consent: true })
  // @ts-expect-error the collector is required
  createTracker({ consent: 'granted' })
})
