import { describe, expect, it } from 'vitest'
import { checkProps } from '../../../src/core/propsCheck'

const FEEDBACK = "track('feedback') needs a scale and a score in its range"
const PURCHASE = "track('purchase') needs orderId, value >= 0 and currency"

describe('checkProps for feedback', () => {
  it.each([
    ['csat', 1, 5],
    ['nps', 0, 10],
    ['ces', 1, 7],
    ['thumbs', 0, 1],
  ])('takes %s scores from %i to %i and nothing outside', (scale, low, high) => {
    for (let score = low; score <= high; score++) {
      const props = { scale, score }
      expect(checkProps('feedback', props)).toBe(props)
    }
    for (const score of [low - 1, high + 1, low + 0.5]) {
      expect(checkProps('feedback', { scale, score })).toBe(FEEDBACK)
    }
  })

  it('drops a score that is not a number: "4" is not 4', () => {
    for (const score of [
      '4',
      NaN,
      Infinity,
      null,
      undefined,
      true,
      [4],
      { valueOf: () => 4 },
      4n,
    ]) {
      expect(checkProps('feedback', { scale: 'csat', score })).toBe(FEEDBACK)
    }
  })

  it('drops an unknown scale, prototype names and non-strings included, without throwing', () => {
    for (const scale of ['stars', 'CSAT', 'toString', '__proto__', 'constructor', '', undefined]) {
      expect(checkProps('feedback', { scale, score: 1 })).toBe(FEEDBACK)
    }
    for (const scale of [5, null, ['csat'], { toString: () => 'csat' }, Object.create(null)]) {
      expect(checkProps('feedback', { scale, score: 1 })).toBe(FEEDBACK)
    }
  })

  it('keeps about as { type, touchpointId? } and drops any other shape', () => {
    const rated = { scale: 'csat', score: 5, about: { type: 'chat_open', touchpointId: 'a1' } }
    expect(checkProps('feedback', rated)).toBe(rated)
    const typeOnly = { scale: 'csat', score: 5, about: { type: 'chat_open' } }
    expect(checkProps('feedback', typeOnly)).toBe(typeOnly)
    for (const about of [null, 'chat_open', {}, { type: 1 }, { type: 'x', touchpointId: 7 }]) {
      expect(checkProps('feedback', { scale: 'csat', score: 5, about })).toBe(FEEDBACK)
    }
  })

  it('cuts a question to 200 characters, leaving the app its own object', () => {
    const props = { scale: 'thumbs', score: 1, question: 'q'.repeat(250) }
    expect(checkProps('feedback', props)).toEqual({ ...props, question: 'q'.repeat(200) })
    expect(props.question).toHaveLength(250)
    const short = { scale: 'thumbs', score: 0, question: 'Was this helpful?' }
    expect(checkProps('feedback', short)).toBe(short)
    expect(checkProps('feedback', { scale: 'thumbs', score: 0, question: 3 })).toBe(FEEDBACK)
  })
})

describe('checkProps for purchase', () => {
  it('keeps an order with a finite value ≥ 0 and an ISO 4217 currency', () => {
    for (const props of [
      { orderId: 'o-1', value: 0, currency: 'EUR' },
      { orderId: 'o-2', value: 1_250_000, currency: 'VND' },
      { orderId: 'o-3', value: 9.99, currency: 'USD' },
    ]) {
      expect(checkProps('purchase', props)).toBe(props)
    }
  })

  it.each<Record<string, unknown>>([
    { orderId: '', value: 1, currency: 'EUR' },
    { orderId: 7, value: 1, currency: 'EUR' },
    { value: 1, currency: 'EUR' },
    { orderId: 'o', value: -1, currency: 'EUR' },
    { orderId: 'o', value: NaN, currency: 'EUR' },
    { orderId: 'o', value: Infinity, currency: 'EUR' },
    { orderId: 'o', value: '9.99', currency: 'EUR' },
    { orderId: 'o', value: [1], currency: 'EUR' },
    { orderId: 'o', value: 1, currency: 'eur' },
    { orderId: 'o', value: 1, currency: 'EURO' },
    { orderId: 'o', value: 1, currency: ['EUR'] },
    { orderId: 'o', value: 1 },
  ])('drops %j', (props) => {
    expect(checkProps('purchase', props)).toBe(PURCHASE)
  })
})

it('passes every other type through as it is', () => {
  const props = { scale: 'stars', score: '4', value: -1, question: 'q'.repeat(300) }
  expect(checkProps('review_read', props)).toBe(props)
  expect(checkProps('newsletter_signup', props)).toBe(props)
})
