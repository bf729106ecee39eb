// attribute() computes every model in SQL; here the same answers come from plain JS on random
// touchpoints (paths cut by hand from the raw rows, then models.mjs's per-path splits and
// markov.mjs's chain), on DuckDB and PostgreSQL. Anonymous visitors only, by type: the identity
// join has its own tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attribute } from '../collector/attribution/attribute.mjs'
import { markovShares } from '../collector/attribution/markov.mjs'
import { PATH_MODELS } from '../collector/attribution/models.mjs'
import { openTestDb, stopStores, TEST_STORES } from './attribution.db.mjs'

const T0 = Date.UTC(2026, 0, 1)
const DAY = 86_400_000
const WINDOW = 30 * DAY
const TYPES = ['page_view', 'review_read', 'chat_open', 'form_submit']

// A small seeded generator, so the touchpoints are the same on every run.
const mulberry32 = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

// 60 visitors, 1 to 12 touchpoints each over 90 days (whole hours, so some share a time), about
// one in six a purchase in EUR or USD.
const random = mulberry32(29)
const TOUCHPOINTS = Array.from({ length: 60 }, (_, v) =>
  Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => {
    const ts = T0 + Math.floor(random() * 90 * 24) * 3_600_000
    const bought = random() < 1 / 6
    return {
      id: `v${v}-${i}`,
      anonymousId: `v${v}`,
      ts: new Date(ts).toISOString(),
      type: bought ? 'purchase' : TYPES[Math.floor(random() * random() * TYPES.length)],
      props: bought
        ? { value: 10 + Math.floor(random() * 90), currency: random() < 0.7 ? 'EUR' : 'USD' }
        : {},
    }
  }),
).flat()

// SPEC §7 by hand: each touch goes to the visitor's next conversion if it is at most 30 days
// later; touches after the last conversion make the path to null. Ties: time, then a touch goes
// before a conversion at its time (it counts for it), then type.
const pathsByHand = () => {
  const conversions = []
  const nulls = []
  const visitors = new Map()
  for (const tp of TOUCHPOINTS) {
    visitors.set(tp.anonymousId, [...(visitors.get(tp.anonymousId) ?? []), tp])
  }
  const bought = (tp) => (tp.type === 'purchase' ? 1 : 0)
  for (const touchpoints of visitors.values()) {
    const sorted = touchpoints
      .map((tp) => ({ ...tp, ms: Date.parse(tp.ts) }))
      .sort(
        (a, b) =>
          a.ms - b.ms || bought(a) - bought(b) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
      )
    let pending = []
    for (const tp of sorted) {
      if (tp.type !== 'purchase') {
        pending.push(tp)
        continue
      }
      const touches = pending
        .filter((touch) => tp.ms - touch.ms <= WINDOW)
        .map((touch) => ({ key: touch.type, ageSeconds: (tp.ms - touch.ms) / 1000 }))
      conversions.push({ ...tp.props, touches })
      pending = []
    }
    if (pending.length > 0) nulls.push(pending.map((touch) => touch.type))
  }
  return { conversions, nulls }
}

const expected = (model, currency) => {
  const { conversions, nulls } = pathsByHand()
  const credit = {}
  const give = (key, n) => (credit[key] = (credit[key] ?? 0) + n)
  const touched = conversions.filter((conversion) => conversion.touches.length > 0)
  for (const conversion of conversions) if (conversion.touches.length === 0) give('(none)', 1)
  if (model === 'markov') {
    const walks = [
      ...touched.map((c) => ({ states: c.touches.map((touch) => touch.key), converted: true })),
      ...nulls.map((states) => ({ states, converted: false })),
    ]
    for (const { key, share } of markovShares(walks)) give(key, share * touched.length)
  } else {
    for (const { touches } of touched) {
      PATH_MODELS[model](touches).forEach((weight, i) => give(touches[i].key, weight))
    }
  }
  const value = conversions
    .filter((conversion) => conversion.currency === currency)
    .reduce((sum, conversion) => sum + conversion.value, 0)
  return { conversions: conversions.length, value, credit }
}

afterAll(() => stopStores())

describe.each(TEST_STORES)('on %s', (store) => {
  let db
  beforeAll(async () => {
    db = await openTestDb(store)
    await db.add(TOUCHPOINTS)
  })
  afterAll(() => db.close())

  it.each(['first', 'last', 'linear', 'time_decay', 'position', 'markov'])(
    '%s by type agrees with the paths cut by hand',
    async (model) => {
      const answer = await attribute(db.query, { model, by: 'type', currency: 'EUR' })
      const { conversions, value, credit } = expected(model, 'EUR')
      expect(conversions).toBeGreaterThan(5) // the random data has something to credit
      expect(answer).toMatchObject({ conversions, value: expect.closeTo(value, 9) })
      const got = Object.fromEntries(answer.rows.map((row) => [row.key, row.conversions]))
      const want = Object.fromEntries(
        Object.entries(credit)
          .filter(([, n]) => n > 0)
          .map(([key, n]) => [key, expect.closeTo(n, 9)]),
      )
      expect(got).toEqual(want)
    },
  )
})
