import { describe, expect, it } from 'vitest'
import { checkProps } from '../../../src/core/propsCheck'

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
      expect(checkProps('feedback', { scale, score })).toBe(
        `track('feedback'): score must be an integer from ${low} to ${high}, not ${score}; dropped`,
      )
    }
  })

  it('drops a score that is not a number, with a message that shows it', () => {
    expect(checkProps('feedback', { scale: 'csat', score: '4' })).toBe(
      "track('feedback'): score must be an integer from 1 to 5, not '4'; dropped",
    )
    for (const score of [NaN, Infinity, null, undefined, true, [4], { valueOf: () => 4 }]) {
      expect(checkProps('feedback', { scale: 'nps', score })).toMatch(/score must be an integer/)
    }
  })

  it('drops an unknown scale, a prototype name included', () => {
    for (const scale of ['stars', 'CSAT', 'toString', '__proto__', undefined, 5, null]) {
      expect(checkProps('feedback', { scale, score: 1 })).toMatch(
        /^track\('feedback'\): scale must be csat, nps, ces or thumbs, not .+; dropped$/,
      )
    }
    expect(checkProps('feedback', { scale: Object.create(null), score: 1 })).toBe(
      "track('feedback'): scale must be csat, nps, ces or thumbs, not an object; dropped",
    )
  })

  it('keeps about as { type, touchpointId? } and drops any other shape', () => {
    const rated = { scale: 'csat', score: 5, about: { type: 'chat_open', touchpointId: 'a1' } }
    expect(checkProps('feedback', rated)).toBe(rated)
    const typeOnly = { scale: 'csat', score: 5, about: { type: 'chat_open' } }
    expect(checkProps('feedback', typeOnly)).toBe(typeOnly)
    for (const about of [null, 'chat_open', {}, { type: 1 }, { type: 'x', touchpointId: 7 }]) {
      expect(checkProps('feedback', { scale: 'csat', score: 5, about })).toBe(
        "track('feedback'): about must be { type: string, touchpointId?: string }; dropped",
      )
    }
  })

  it('cuts a question to 200 characters, leaving the app its own object', () => {
    const props = { scale: 'thumbs', score: 1, question: 'q'.repeat(250) }
    expect(checkProps('feedback', props)).toEqual({ ...props, question: 'q'.repeat(200) })
    expect(props.question).toHaveLength(250)
    const short = { scale: 'thumbs', score: 0, question: 'Was this helpful?' }
    expect(checkProps('feedback', short)).toBe(short)
    expect(checkProps('feedback', { scale: 'thumbs', score: 0, question: 3 })).toBe(
      "track('feedback'): question must be a string; dropped",
    )
  })
})

describe('checkProps for purchase', () => {
  it('keeps an order with a finite value ≥ 0 and an ISO 4217 currency', () => {
    for (const props of [
      { orderId: 'o-1', value: 0, currency: 'EUR' },
      { orderId: 'o-2', value: 1_250_000, currency: 'VND' },
    ]) {
      expect(checkProps('purchase', props)).toBe(props)
    }
  })

  it.each<[Record<string, unknown>, string]>([
    [{ orderId: '', value: 1, currency: 'EUR' }, 'orderId must be a non-empty string'],
    [{ orderId: 7, value: 1, currency: 'EUR' }, 'orderId must be a non-empty string'],
    [{ orderId: 'o', value: -1, currency: 'EUR' }, 'value must be a finite number ≥ 0, not -1'],
    [{ orderId: 'o', value: NaN, currency: 'EUR' }, 'value must be a finite number ≥ 0, not NaN'],
    [{ orderId: 'o', value: Infinity, currency: 'EUR' }, 'not Infinity'],
    [{ orderId: 'o', value: '9.99', currency: 'EUR' }, "not '9.99'"],
    [{ orderId: 'o', value: 1, currency: 'eur' }, "an ISO 4217 code such as 'EUR', not 'eur'"],
    [{ orderId: 'o', value: 1, currency: 'EURO' }, "not 'EURO'"],
    [{ orderId: 'o', value: 1 }, 'not undefined'],
  ])('drops %j: %s', (props, message) => {
    const result = checkProps('purchase', props)
    expect(result).toMatch(/^track\('purchase'\): .+; dropped$/)
    expect(result).toContain(message)
  })
})

it('passes every other type through as it is', () => {
  const props = { scale: 'stars', score: '4', value: -1 }
  expect(checkProps('review_read', props)).toBe(props)
  expect(checkProps('newsletter_signup', props)).toBe(props)
})
