import { describe, expect, it } from 'vitest'
import { classifyArrival } from '../../../src/core/channel'
import { formatLink, matchesDomain, parseLink, splitLink } from '../../../src/core/link'
import { redactUrl } from '../../../src/core/redact'
import { SESSION_MS } from '../../../src/core/session'
import { uuidv7 } from '../../../src/lib/id'
import type { Channel } from '../../../src/types'

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0)
const S = NOW / 1000
const A = '0193a4c2-0000-7000-8000-000000000001'
const SID = '0193a4c2-0000-7000-8000-000000000002'

describe('parseLink', () => {
  it('reads the ids, the session and its channel; the session lives on from the link time', () => {
    expect(parseLink(`${A}.${SID}.email.${S - 30}`, NOW)).toEqual({
      anonymousId: A,
      session: { id: SID, lastAt: (S - 30) * 1000, channel: 'email' },
    })
  })

  it('reads a link without a session (it had ended on the linking page)', () => {
    expect(parseLink(`${A}...${S}`, NOW)).toEqual({ anonymousId: A, session: undefined })
  })

  it.each([
    ['just made', 0, true],
    ['120 s old', 120, true],
    ['121 s old', 121, false],
    ['an hour old', 3600, false],
    ['10 s in the future', -10, true],
    ['11 s in the future', -11, false],
  ])('takes a link %s: %s', (_, age, taken) => {
    expect(parseLink(`${A}.${SID}.direct.${S - (age as number)}`, NOW) !== undefined).toBe(taken)
  })

  it.each([
    '',
    'garbage',
    `${A}.${SID}.email`,
    `${A}.${SID}.email.${S}.extra`,
    `${A}.${SID}.newsletter.${S}`, // not a channel
    `${A}.${SID}..${S}`, // a session needs its channel
    `${A}..email.${S}`,
    `${A}.${SID}.email.soon`,
    `${A}.${SID}.email.${S}.5`,
    `a b.${SID}.email.${S}`,
    `short.${SID}.email.${S}`,
    `${A}.${SID}.email.-${S}`,
    `${'x'.repeat(65)}.${SID}.email.${S}`,
  ])('ignores the malformed value %j', (value) => {
    expect(parseLink(value, NOW)).toBeUndefined()
  })

  it('ignores an absent value', () => {
    expect(parseLink(undefined, NOW)).toBeUndefined()
  })
})

describe('formatLink', () => {
  it('writes the ids, the live session and its channel, and the time in seconds', () => {
    const session = { id: SID, lastAt: NOW - 60_000, channel: 'paid_social' as const }
    expect(formatLink({ anonymousId: A, session }, NOW + 999)).toBe(`${A}.${SID}.paid_social.${S}`)
  })

  it('leaves out a session that has ended, and never writes a userId', () => {
    const session = { id: SID, lastAt: NOW - SESSION_MS - 1, channel: 'email' as const }
    const ids = { anonymousId: A, userId: 'user-7', session }
    expect(formatLink(ids, NOW)).toBe(`${A}...${S}`)
    expect(formatLink({ anonymousId: A }, NOW)).toBe(`${A}...${S}`)
  })

  it('round-trips through parseLink with real ids, for every channel', () => {
    const channels = 'direct organic_search paid_search social paid_social email referral display'
    for (const channel of `${channels} affiliate`.split(' ') as Channel[]) {
      const ids = { anonymousId: uuidv7(), session: { id: uuidv7(), lastAt: NOW, channel } }
      expect(parseLink(formatLink(ids, NOW), NOW + 5_000)).toEqual(ids)
    }
  })
})

describe('splitLink', () => {
  it.each([
    ['', undefined, ''],
    ['?a=1', undefined, '?a=1'],
    ['?_tt=x', 'x', ''],
    ['?_tt=x&a=1', 'x', '?a=1'],
    ['?a=1&_tt=x', 'x', '?a=1'],
    ['?a=1&_tt=x&b=%20+c', 'x', '?a=1&b=%20+c'],
    ['?_tt=x&_tt=y&a', 'x', '?a'],
    ['?_tt&a=1', '', '?a=1'],
    ['?_tt=&a=1', '', '?a=1'],
    ['?a=_tt=x&_ttl=1&x_tt=2', undefined, '?a=_tt=x&_ttl=1&x_tt=2'],
    ['?a=1&&b=2&_tt=x', 'x', '?a=1&&b=2'],
  ])('%j → the value %j and %j, every other pair as written', (search, value, rest) => {
    expect(splitLink(search)).toEqual([value, rest])
  })
})

describe('matchesDomain', () => {
  const domains = ['shop.example', 'blog.example.co.uk']
  it.each([
    ['shop.example', true],
    ['www.shop.example', true],
    ['a.b.shop.example', true],
    ['blog.example.co.uk', true],
    ['example', false],
    ['myshop.example', false],
    ['shop.example.evil.test', false],
    ['example.co.uk', false],
    ['', false],
  ])('%j: %s', (host, matches) => {
    expect(matchesDomain(host, domains)).toBe(matches)
  })
})

describe('classifyArrival with linked domains', () => {
  const SHOP = 'https://shop.example/p/1'
  const linked = ['blog.example', 'shop.example']

  it('takes a referrer from a linked site as no arrival: the session keeps its channel', () => {
    expect(classifyArrival(SHOP, 'https://blog.example/post', linked)).toBeUndefined()
    expect(classifyArrival(SHOP, 'https://www.blog.example/post', linked)).toBeUndefined()
    // Not linked, the same referrer is a referral.
    expect(classifyArrival(SHOP, 'https://blog.example/post')).toEqual({ channel: 'referral' })
  })

  it('lets tags decide on a link from a linked site, as any campaign', () => {
    const tagged = `${SHOP}?utm_source=blog&utm_medium=email`
    expect(classifyArrival(tagged, 'https://blog.example/', linked)).toMatchObject({
      channel: 'email',
      campaignKey: 'blog|email||||',
    })
  })

  it('still reads other referrers', () => {
    expect(classifyArrival(SHOP, 'https://www.google.com/', linked)).toEqual({
      channel: 'organic_search',
    })
  })
})

describe('redactUrl', () => {
  it('removes _tt from every stored URL, as a page that left before the script ran has it', () => {
    expect(redactUrl(`https://shop.example/p?a=1&_tt=${A}.${SID}.email.${S}#x`)).toBe(
      'https://shop.example/p?a=1#x',
    )
  })
})
