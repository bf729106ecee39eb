// The attribution models on hand-built paths, each answer worked out on paper, and the Markov
// model against a published example and an independent computation on random paths.
import { describe, expect, it } from 'vitest'
import { countTransitions, markovShares } from '../collector/attribution/markov.mjs'
import { PATH_MODELS } from '../collector/attribution/models.mjs'

const DAY = 24 * 3600
const path = (...ageDays) => ageDays.map((age, i) => ({ key: `k${i}`, ageSeconds: age * DAY }))
const sum = (values) => values.reduce((total, value) => total + value, 0)

describe('path models', () => {
  it.each(Object.keys(PATH_MODELS))('%s gives a single touch all the credit', (model) => {
    expect(PATH_MODELS[model](path(3))).toEqual([1])
  })

  it.each([
    ['first', [1, 0]],
    ['last', [0, 1]],
    ['linear', [0.5, 0.5]],
    ['position', [0.5, 0.5]],
    // 14 and 7 days before: weights 1/4 and 1/2, so 1/3 and 2/3.
    ['time_decay', [1 / 3, 2 / 3]],
  ])('%s splits two touches as %j', (model, expected) => {
    PATH_MODELS[model](path(14, 7)).forEach((weight, i) =>
      expect(weight).toBeCloseTo(expected[i], 12),
    )
  })

  it.each([
    ['first', [1, 0, 0, 0]],
    ['last', [0, 0, 0, 1]],
    ['linear', [0.25, 0.25, 0.25, 0.25]],
    ['position', [0.4, 0.1, 0.1, 0.4]],
    // 21, 14, 7 and 0 days before: 1/8, 1/4, 1/2, 1 over 15/8.
    ['time_decay', [1 / 15, 2 / 15, 4 / 15, 8 / 15]],
  ])('%s splits four touches as %j', (model, expected) => {
    PATH_MODELS[model](path(21, 14, 7, 0)).forEach((weight, i) =>
      expect(weight).toBeCloseTo(expected[i], 12),
    )
  })

  it('position gives the middle of three touches 20 %', () => {
    expect(PATH_MODELS.position(path(3, 2, 1))).toEqual([0.4, 0.2, 0.4])
  })

  it.each(Object.keys(PATH_MODELS))('%s weights sum to 1 on any path', (model) => {
    for (let n = 1; n <= 12; n++) {
      const ages = Array.from({ length: n }, (_, i) => (n - i) * 2.5)
      expect(sum(PATH_MODELS[model](path(...ages)))).toBeCloseTo(1, 12)
    }
  })
})

const shareOf = (shares) => Object.fromEntries(shares.map(({ key, share }) => [key, share]))
const effectOf = (shares) =>
  Object.fromEntries(shares.map(({ key, removalEffect }) => [key, removalEffect]))
const walk = (states, converted) => ({ states: states.split(' > '), converted })

describe('markov', () => {
  // Sergey Bryl, "Marketing Multi-Channel Attribution model with R (part 1: Markov chains
  // concept)", analyzecore.com, 2016-08-03: paths c1 > c2 > c3 (conversion), c1 (null),
  // c2 > c3 (null). P(conversion) = 2/3 · 1/2 · 1 · 1/2 + 1/3 · 1 · 1/2 = 1/3; removing c1 leaves
  // 1/6 (effect 0.5), removing c2 or c3 leaves 0 (effect 1): credit 0.2, 0.4, 0.4.
  it("matches Bryl's worked example", () => {
    const shares = markovShares([
      walk('c1 > c2 > c3', true),
      walk('c1', false),
      walk('c2 > c3', false),
    ])
    expect(effectOf(shares)).toEqual({ c1: expect.closeTo(0.5, 12), c2: 1, c3: 1 })
    expect(shareOf(shares)).toEqual({
      c1: expect.closeTo(0.2, 12),
      c2: expect.closeTo(0.4, 12),
      c3: expect.closeTo(0.4, 12),
    })
  })

  // Serhii Puzyrov, "Markov Chain Attribution – Simple Explanation Of Removal Effect",
  // serhiipuzyrov.com, 2019-07: google ads (2 conversions), mailing (1), google ads > mailing (1),
  // google ads (0). Its transitions: start → ads 0.8, → mailing 0.2; ads → conv 0.5, → mailing
  // 0.25, → null 0.25; mailing → conv 1. P(conversion) 0.8; without ads 0.2 (effect 0.75),
  // without mailing 0.4 (effect 0.5): 4 conversions split 2.4 and 1.6.
  it("matches Puzyrov's worked example", () => {
    const paths = [
      walk('ads', true),
      walk('ads', true),
      walk('mailing', true),
      walk('ads > mailing', true),
      walk('ads', false),
    ]
    const counts = countTransitions(paths)
    expect(Object.fromEntries(counts.get('(start)'))).toEqual({ ads: 4, mailing: 1 })
    expect(Object.fromEntries(counts.get('ads'))).toEqual({
      '(conversion)': 2,
      mailing: 1,
      '(null)': 1,
    })
    const shares = markovShares(paths)
    expect(effectOf(shares)).toEqual({
      ads: expect.closeTo(0.75, 12),
      mailing: expect.closeTo(0.5, 12),
    })
    expect(shareOf(shares)).toEqual({
      ads: expect.closeTo(0.6, 12),
      mailing: expect.closeTo(0.4, 12),
    })
  })

  it('collapses a repeated state, and the repeat changes no credit', () => {
    const once = [walk('email > direct', true), walk('email', false), walk('social', true)]
    const repeated = [
      walk('email > email > email > direct', true),
      walk('email > email', false),
      walk('social > social', true),
    ]
    expect(countTransitions(repeated)).toEqual(countTransitions(once))
    expect(markovShares(repeated)).toEqual(markovShares(once))
  })

  it('gives nothing to a state seen only on paths that never convert', () => {
    const shares = shareOf(markovShares([walk('email', true), walk('display > display', false)]))
    expect(shares).toEqual({ email: 1, display: 0 })
  })

  it('has no credit to give when nothing converts', () => {
    expect(shareOf(markovShares([walk('email > social', false)]))).toEqual({ email: 0, social: 0 })
  })

  it('agrees with an independent computation on random paths (mass pushed step by step, self-loops kept)', () => {
    const random = mulberry32(17)
    const states = ['email', 'social', 'direct', 'display', 'organic_search', 'referral']
    const paths = Array.from({ length: 400 }, () => {
      const length = 1 + Math.floor(random() * 6)
      const picked = Array.from({ length }, () => states[Math.floor(random() * random() * 6)])
      return { states: picked, converted: random() < 0.3 }
    })
    const shares = markovShares(paths)
    const expected = independentShares(paths)
    expect(sum(shares.map((share) => share.share))).toBeCloseTo(1, 12)
    for (const { key, removalEffect } of shares) {
      expect(removalEffect).toBeCloseTo(expected.get(key), 9)
    }
  })
})

// Independent of markov.mjs: transition counts with self-loops (no collapsing), and the odds of
// reaching conversion by propagating probability mass step by step until it has all been absorbed.
const independentShares = (paths) => {
  const counts = {}
  for (const { states, converted } of paths) {
    const chain = ['start', ...states, converted ? 'conv' : 'null']
    for (let i = 1; i < chain.length; i++) {
      counts[chain[i - 1]] ??= {}
      counts[chain[i - 1]][chain[i]] = (counts[chain[i - 1]][chain[i]] ?? 0) + 1
    }
  }
  const conversionOdds = (removed) => {
    let mass = { start: 1 }
    let converted = 0
    for (let step = 0; step < 20_000 && Object.keys(mass).length > 0; step++) {
      const next = {}
      for (const [state, m] of Object.entries(mass)) {
        const out = counts[state]
        const total = sum(Object.values(out))
        for (const [to, c] of Object.entries(out)) {
          if (to === 'conv') converted += (m * c) / total
          else if (to !== 'null' && to !== removed) next[to] = (next[to] ?? 0) + (m * c) / total
        }
      }
      mass = Object.fromEntries(Object.entries(next).filter(([, m]) => m > 1e-15))
    }
    return converted
  }
  const base = conversionOdds()
  const channels = Object.keys(counts).filter((state) => state !== 'start')
  return new Map(channels.map((key) => [key, 1 - conversionOdds(key) / base]))
}

// A small seeded generator, so the random paths are the same on every run.
const mulberry32 = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
