import { assertUserIdentity, validateEvent } from '@segment/analytics-core'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { segmentFormat } from '../../../src/transport/segmentFormat'
import type { Batch } from '../../../src/types'

const base = {
  ts: '2026-11-23T03:00:00.000Z',
  anonymousId: 'a1',
  sessionId: 's1',
  userId: 'u1',
  channel: 'social',
  page: { url: 'https://shop.example/p/1', path: '/p/1', title: 'P1', referrer: '' },
  context: { locale: 'vi-VN' },
}
const body = {
  sentAt: '2026-11-23T03:00:01.000Z',
  sdk: { name: 'touchtrail', version: '1' },
  batch: [
    {
      ...base,
      id: '0193a4c2-0000-7000-8000-000000000001',
      type: 'chat_open',
      stage: 'consideration',
      props: { provider: 'crisp', trigger: 'widget' },
    },
    {
      ...base,
      id: '0193a4c2-0000-7000-8000-000000000002',
      type: 'page_view',
      userId: null,
      props: { path: '/p/1', title: 'P1', referrer: '' },
    },
    {
      ...base,
      id: '0193a4c2-0000-7000-8000-000000000003',
      type: 'identify',
      props: { traits: { plan: 'pro' } },
    },
  ],
} as unknown as Batch

type Message = Record<string, unknown>
const format = (batch: Batch) =>
  JSON.parse(JSON.stringify(segmentFormat({ writeKey: 'wk_123' })(batch))) as {
    writeKey: string
    sentAt: string
    batch: Message[]
  }

// Jitsu's limits on what it ingests: event names and message ids.
const JITSU_EVENT = (name: string) => name.length <= 64 && !/--|;|=|\/\*/.test(name)
const JITSU_ID = /^[a-zA-Z0-9._-]{1,64}$/

it('maps touchpoints onto Segment track, page and identify calls, with the write key in the body', () => {
  const { writeKey, sentAt, batch } = format(body)
  expect(writeKey).toBe('wk_123')
  expect(sentAt).toBe('2026-11-23T03:00:01.000Z')
  expect(batch[0]).toEqual({
    type: 'track',
    event: 'chat_open',
    messageId: body.batch[0].id,
    timestamp: base.ts,
    anonymousId: 'a1',
    userId: 'u1',
    properties: { provider: 'crisp', trigger: 'widget', stage: 'consideration', channel: 'social' },
    context: { locale: 'vi-VN', page: base.page, sessionId: 's1' },
  })
  expect(batch[1]).toMatchObject({ type: 'page', properties: { path: '/p/1' } })
  expect(batch[1]).not.toHaveProperty('event')
  expect(batch[1]).not.toHaveProperty('userId') // null is left out: anonymousId identifies
  expect(batch[2]).toMatchObject({ type: 'identify', traits: { plan: 'pro' } })
})

it('never compresses: those pipelines read gzip only with Content-Encoding', () => {
  expect(segmentFormat({ writeKey: 'k' }).compression).toBeUndefined()
})

it('passes Segment’s own validator, and Jitsu’s limits, for every type touchtrail accepts', () => {
  const type = fc.stringMatching(/^[A-Za-z][\w:.-]{0,63}$/)
  fc.assert(
    fc.property(type, fc.uuid(), fc.option(fc.string({ minLength: 1 })), (name, id, userId) => {
      const touchpoint = { ...body.batch[0], type: name, id, userId }
      for (const message of format({ ...body, batch: [touchpoint, ...body.batch] }).batch) {
        expect(() => validateEvent(message as never)).not.toThrow()
        expect(() => assertUserIdentity(message as never)).not.toThrow()
        expect(message.messageId).toMatch(JITSU_ID)
        if (message.type === 'track') expect(JITSU_EVENT(message.event as string)).toBe(true)
      }
    }),
  )
})

it('turns the `--` Jitsu refuses in a type into one dash', () => {
  const touchpoint = { ...body.batch[0], type: 'plan--upgrade---done' }
  expect(format({ ...body, batch: [touchpoint] }).batch[0].event).toBe('plan-upgrade-done')
})
