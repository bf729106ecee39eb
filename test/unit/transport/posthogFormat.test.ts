import { expect, it } from 'vitest'
import { posthogFormat } from '../../../src/transport/posthogFormat'
import type { Batch } from '../../../src/types'

const base = {
  ts: '2026-11-23T03:00:00.000Z',
  anonymousId: 'anon-1',
  sessionId: '0193a4c2-0000-7000-8000-00000000000s',
  userId: null,
  channel: 'social',
  page: { url: 'https://shop.example/p/1', path: '/p/1', title: 'P1', referrer: 'https://t.co/' },
  context: { locale: 'vi-VN', screen: '390x844' },
}
const body = {
  sentAt: '2026-11-23T03:00:01.000Z',
  sdk: { name: 'touchtrail', version: '1' },
  batch: [
    { ...base, id: 'id-1', type: 'page_view', props: { path: '/p/1', title: 'P1', referrer: '' } },
    {
      ...base,
      id: 'id-2',
      type: 'chat_open',
      stage: 'consideration',
      props: { provider: 'crisp' },
    },
    { ...base, id: 'id-3', type: 'identify', userId: 'user-9', props: { traits: { plan: 'pro' } } },
  ],
} as unknown as Batch

const format = (batch: Batch) =>
  JSON.parse(JSON.stringify(posthogFormat({ apiKey: 'phc_abc' })(batch))) as {
    api_key: string
    batch: { event: string; uuid: string; timestamp: string; properties: Record<string, unknown> }[]
  }

it('writes PostHog’s /batch body: api_key, and events with distinct_id and $current_url', () => {
  const { api_key, batch } = format(body)
  expect(api_key).toBe('phc_abc')
  expect(batch[0]).toEqual({
    event: '$pageview',
    uuid: 'id-1',
    timestamp: base.ts,
    properties: {
      path: '/p/1',
      title: 'P1',
      referrer: '',
      distinct_id: 'anon-1',
      $anon_distinct_id: 'anon-1',
      $session_id: base.sessionId,
      $current_url: 'https://shop.example/p/1',
      $pathname: '/p/1',
      $referrer: 'https://t.co/',
      channel: 'social',
      locale: 'vi-VN',
      screen: '390x844',
    },
  })
  expect(batch[1]).toMatchObject({
    event: 'chat_open',
    uuid: 'id-2',
    properties: { provider: 'crisp', stage: 'consideration', distinct_id: 'anon-1' },
  })
})

it('sends identify as $identify: the user id as distinct_id, the anonymous id linked, traits $set', () => {
  expect(format(body).batch[2]).toMatchObject({
    event: '$identify',
    uuid: 'id-3',
    properties: { distinct_id: 'user-9', $anon_distinct_id: 'anon-1', $set: { plan: 'pro' } },
  })
})

it('carries PostHog’s compression flag, gzip-js', () => {
  expect(posthogFormat({ apiKey: 'k' }).compression).toBe('gzip-js')
})
