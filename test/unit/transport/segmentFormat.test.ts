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
      id: 'e1',
      type: 'chat_open',
      stage: 'consideration',
      props: { provider: 'crisp', trigger: 'widget' },
    },
    { ...base, id: 'e2', type: 'page_view', props: { path: '/p/1', title: 'P1', referrer: '' } },
    { ...base, id: 'e3', type: 'identify', props: { traits: { plan: 'pro' } } },
  ],
} as unknown as Batch

it('maps touchpoints onto Segment track, page and identify calls, keeping ids as messageId', () => {
  const { sentAt, batch } = JSON.parse(JSON.stringify(segmentFormat(body))) as {
    sentAt: string
    batch: Record<string, unknown>[]
  }
  expect(sentAt).toBe('2026-11-23T03:00:01.000Z')
  expect(batch[0]).toEqual({
    type: 'track',
    event: 'chat_open',
    messageId: 'e1',
    timestamp: base.ts,
    anonymousId: 'a1',
    userId: 'u1',
    properties: { provider: 'crisp', trigger: 'widget', stage: 'consideration', channel: 'social' },
    context: { locale: 'vi-VN', page: base.page, sessionId: 's1' },
  })
  expect(batch[1]).toMatchObject({ type: 'page', messageId: 'e2', properties: { path: '/p/1' } })
  expect(batch[1]).not.toHaveProperty('event')
  expect(batch[2]).toMatchObject({ type: 'identify', messageId: 'e3', traits: { plan: 'pro' } })
})
