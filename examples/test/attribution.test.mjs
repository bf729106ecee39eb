// /api/attribution's answer (SPEC §7) from touchpoints in a real DuckDB and a real PostgreSQL,
// worked out on paper.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attribute, attributionOptions } from '../collector/attribution/attribute.mjs'
import { MODELS } from '../collector/attribution/models.mjs'
import { openTestDb, stopStores, TEST_STORES } from './attribution.db.mjs'

const T0 = Date.UTC(2026, 2, 1)
const DAY = 86_400_000
const at = (days, minutes = 0) => new Date(T0 + days * DAY + minutes * 60_000).toISOString()
const purchase = (value, currency) => ({
  type: 'purchase',
  props: { orderId: `o-${value}`, value, currency },
})

// ann: two devices, one customer; buys twice (EUR). vic buys in USD; a display visit 31 days
// before is out of the window. xan buys in a session with nothing else: no touch. wes never buys.
const TOUCHPOINTS = [
  { anonymousId: 'phone', sessionId: 'p1', channel: 'email', ts: at(0) },
  { anonymousId: 'laptop', sessionId: 'l1', channel: 'social', ts: at(7) },
  {
    anonymousId: 'laptop',
    sessionId: 'l1',
    channel: 'social',
    ts: at(7, 1),
    type: 'identify',
    userId: 'ann',
  },
  { anonymousId: 'phone', sessionId: 'p2', channel: 'direct', ts: at(14), userId: 'ann' },
  {
    anonymousId: 'phone',
    sessionId: 'p2',
    channel: 'direct',
    ts: at(14),
    userId: 'ann',
    ...purchase(100, 'EUR'),
  },
  { anonymousId: 'phone', sessionId: 'p3', channel: 'email', ts: at(20), userId: 'ann' },
  {
    anonymousId: 'phone',
    sessionId: 'p3',
    channel: 'email',
    ts: at(20, 5),
    userId: 'ann',
    ...purchase(50, 'EUR'),
  },
  { anonymousId: 'vic', sessionId: 'v0', channel: 'display', ts: at(-26) },
  { anonymousId: 'vic', sessionId: 'v1', channel: 'paid_search', ts: at(4) },
  {
    anonymousId: 'vic',
    sessionId: 'v1',
    channel: 'paid_search',
    ts: at(5),
    ...purchase(30, 'USD'),
  },
  { anonymousId: 'xan', sessionId: 'x1', channel: 'referral', ts: at(6), ...purchase(20, 'EUR') },
  { anonymousId: 'wes', sessionId: 'w1', channel: 'organic_search', ts: at(1) },
  { anonymousId: 'wes', sessionId: 'w2', channel: 'organic_search', ts: at(2) },
]

afterAll(() => stopStores())

const credit = (answer) => Object.fromEntries(answer.rows.map((row) => [row.key, row.conversions]))
const valueCredit = (answer) => Object.fromEntries(answer.rows.map((row) => [row.key, row.value]))
const close = (record) =>
  Object.fromEntries(Object.entries(record).map(([key, n]) => [key, expect.closeTo(n, 9)]))

describe.each(TEST_STORES)('on %s', (store) => {
  let db
  beforeAll(async () => {
    db = await openTestDb(store)
    await db.add(TOUCHPOINTS)
  })
  afterAll(() => db.close())

  describe('attribution by channel', () => {
    // Paths: ann's first purchase email (14 days before) > social (7) > direct (0); her second
    // only email (after the first); vic paid_search; xan none; wes organic_search, never converts.
    it.each([
      ['first', { email: 2, paid_search: 1, '(none)': 1 }],
      ['last', { direct: 1, email: 1, paid_search: 1, '(none)': 1 }],
      ['linear', { email: 4 / 3, social: 1 / 3, direct: 1 / 3, paid_search: 1, '(none)': 1 }],
      ['position', { email: 1.4, social: 0.2, direct: 0.4, paid_search: 1, '(none)': 1 }],
      // Weights 1/4, 1/2, 1 for 14, 7 and 0 days: 1/7, 2/7, 4/7.
      ['time_decay', { email: 8 / 7, social: 2 / 7, direct: 4 / 7, paid_search: 1, '(none)': 1 }],
      // Start → email 2/4, paid_search 1/4, organic_search 1/4; email → social 1/2, → conversion
      // 1/2. P = 3/4; removal effects email 2/3, social, direct and paid_search 1/3, organic 0:
      // shares .4 .2 .2 .2 of the 3 conversions with a touch.
      ['markov', { email: 1.2, social: 0.6, direct: 0.6, paid_search: 0.6, '(none)': 1 }],
    ])('%s credits %j', async (model, expected) => {
      const answer = await attribute(db.query, { model, by: 'channel' })
      expect(answer).toMatchObject({
        model,
        by: 'channel',
        currency: 'EUR',
        conversions: 4,
        value: 170,
      })
      expect(credit(answer)).toEqual(close(expected))
    })

    it('values in the most frequent currency, never adding another', async () => {
      expect(valueCredit(await attribute(db.query, { model: 'last', by: 'channel' }))).toEqual(
        close({ direct: 100, email: 50, paid_search: 0, '(none)': 20 }),
      )
      const usd = await attribute(db.query, { model: 'last', by: 'channel', currency: 'USD' })
      expect(usd).toMatchObject({ currency: 'USD', conversions: 4, value: 30 })
      expect(valueCredit(usd)).toEqual(close({ direct: 0, email: 0, paid_search: 30, '(none)': 0 }))
    })

    it('markov splits the value of conversions with a touch by the same shares', async () => {
      expect(valueCredit(await attribute(db.query, { model: 'markov', by: 'channel' }))).toEqual(
        close({ email: 60, social: 30, direct: 30, paid_search: 30, '(none)': 20 }),
      )
    })

    it('counts conversions from `from` on, with their touches before it', async () => {
      const answer = await attribute(db.query, { model: 'linear', by: 'channel', from: at(15) })
      expect(answer).toMatchObject({ conversions: 1, value: 50, currency: 'EUR' })
      expect(credit(answer)).toEqual({ email: 1 })
      const before = await attribute(db.query, { model: 'first', by: 'channel', to: at(15) })
      expect(credit(before)).toEqual({ email: 1, paid_search: 1, '(none)': 1 })
      // Paths to day 15: email > social > direct and paid_search convert, wes's organic_search does
      // not: P = 2/3, and removing any of the four leaves 1/3: a quarter each of 2 conversions.
      const markov = await attribute(db.query, {
        model: 'markov',
        by: 'channel',
        from: at(-40),
        to: at(15),
      })
      expect(credit(markov)).toEqual(
        close({ email: 0.5, social: 0.5, direct: 0.5, paid_search: 0.5, '(none)': 1 }),
      )
    })

    it('sorts rows by credit, most first', async () => {
      const answer = await attribute(db.query, { model: 'linear', by: 'channel' })
      expect(answer.rows.map((row) => row.key)).toEqual([
        'email',
        '(none)',
        'paid_search',
        'direct',
        'social',
      ])
    })
  })

  describe('attribution by touchpoint type', () => {
    // ann's first purchase: page_view, page_view, identify, page_view; the rest one page_view each.
    it.each([
      ['first', { page_view: 3, '(none)': 1 }],
      ['last', { page_view: 3, '(none)': 1 }],
      ['linear', { page_view: 2.75, identify: 0.25, '(none)': 1 }],
      ['position', { page_view: 2.9, identify: 0.1, '(none)': 1 }],
    ])('%s credits %j', async (model, expected) => {
      expect(credit(await attribute(db.query, { model, by: 'type' }))).toEqual(close(expected))
    })
  })

  describe('every model', () => {
    it.each(
      MODELS.flatMap((model) => [
        [model, 'channel'],
        [model, 'type'],
      ]),
    )('%s by %s: shares sum to 1, credit to the conversions and their value', async (model, by) => {
      const answer = await attribute(db.query, { model, by })
      const total = (field) => answer.rows.reduce((sum, row) => sum + row[field], 0)
      expect(total('share')).toBeCloseTo(1, 9)
      expect(total('conversions')).toBeCloseTo(answer.conversions, 9)
      expect(total('value')).toBeCloseTo(answer.value, 9)
    })

    it('takes its conversion types from the list it is given', async () => {
      const answer = await attribute(db.query, {
        model: 'last',
        by: 'type',
        conversionTypes: ['identify'],
      })
      // ann's identify: her page_views on both devices before it; no value, no currency.
      expect(answer).toMatchObject({ conversions: 1, value: 0, currency: null })
      expect(credit(answer)).toEqual({ page_view: 1 })
    })
  })
})

describe('attributionOptions', () => {
  it('reads the query and refuses values outside the contract', () => {
    const options = attributionOptions(
      new URLSearchParams('model=markov&by=type&from=2026-03-01&currency=EUR'),
    )
    expect(options).toEqual({
      model: 'markov',
      by: 'type',
      from: '2026-03-01T00:00:00.000Z',
      to: undefined,
      currency: 'EUR',
      conversionTypes: ['purchase'],
    })
    expect(() => attributionOptions(new URLSearchParams('model=shapley'))).toThrow(RangeError)
    expect(() => attributionOptions(new URLSearchParams('by=page'))).toThrow(RangeError)
    expect(() => attributionOptions(new URLSearchParams('from=soon'))).toThrow(RangeError)
    expect(() => attributionOptions(new URLSearchParams('currency=eur'))).toThrow(RangeError)
  })
})
