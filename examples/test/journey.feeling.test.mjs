// The journey map's satisfaction arithmetic: one scale for every answer, answers placed on the
// touchpoints they rate, and the emotion curve through them.
import { describe, expect, it } from 'vitest'
import { emotionCurve, feltOf, normalise, placeFeedback } from '../journey/feeling.js'
import { seed } from './journeySeed.mjs'

describe('normalise', () => {
  it('maps each scale’s ends to −1 and +1 and its midpoint to 0', () => {
    expect([1, 3, 5].map((s) => normalise('csat', s))).toEqual([-1, 0, 1])
    expect([0, 5, 10].map((s) => normalise('nps', s))).toEqual([-1, 0, 1])
    expect([1, 4, 7].map((s) => normalise('ces', s))).toEqual([-1, 0, 1])
    expect([0, 1].map((s) => normalise('thumbs', s))).toEqual([-1, 1])
    expect(normalise('nps', 9)).toBeCloseTo(0.8)
  })

  it('gives nothing for an unknown scale or a missing score, and clamps a stray one', () => {
    expect(normalise('stars', 4)).toBeUndefined()
    expect(normalise('csat', undefined)).toBeUndefined()
    expect(normalise('csat', Number.NaN)).toBeUndefined()
    expect(normalise('csat', 9)).toBe(1)
  })
})

describe('feltOf', () => {
  it('averages an aggregate row’s figures on the same scale', () => {
    // csat 2 → −0.5, nps −20 → −0.2, thumbs 75% → +0.5, ces 5.5 → +0.5
    expect(feltOf({ csat: 2, nps: -20, ces: 5.5, thumbs: 75 })).toBeCloseTo(0.075)
    expect(feltOf({ csat: 2, nps: null, ces: null, thumbs: null })).toBeCloseTo(-0.5)
  })

  it('is undefined for a row with no answers', () => {
    expect(feltOf({ csat: null, nps: null, ces: null, thumbs: null })).toBeUndefined()
  })
})

describe('placeFeedback and emotionCurve', () => {
  const journey = seed().filter((tp) => tp.anonymousId === 'ada-laptop')

  it('puts each answer on the touchpoint it rates and keeps it out of the drawn ones', () => {
    const { shown, answers } = placeFeedback(journey)
    expect(shown.map((tp) => tp.type)).not.toContain('feedback')
    expect(answers.get('tp-chat').map((tp) => tp.id)).toEqual(['tp-csat'])
    expect(answers.get('tp-purchase').map((tp) => tp.id)).toEqual(['tp-nps'])
  })

  it('keeps an answer whose rated touchpoint is not in the journey, or that rates nothing', () => {
    const lone = journey.find((tp) => tp.id === 'tp-csat')
    const orphan = {
      ...lone,
      id: 'orphan',
      props: { ...lone.props, about: { type: 'chat_open', touchpointId: 'gone' } },
    }
    const plain = { ...lone, id: 'plain', props: { scale: 'csat', score: 5 } }
    const { shown, answers } = placeFeedback([orphan, plain])
    expect(shown.map((tp) => tp.id)).toEqual(['orphan', 'plain'])
    expect(answers.size).toBe(0)
    expect(emotionCurve(shown, answers).map((p) => [p.id, p.value])).toEqual([
      ['orphan', -0.5],
      ['plain', 1],
    ])
  })

  it('draws the curve through the rated touchpoints only, in journey order', () => {
    const { shown, answers } = placeFeedback(journey)
    const curve = emotionCurve(shown, answers)
    expect(curve.map((p) => p.id)).toEqual(['tp-chat', 'tp-purchase'])
    expect(curve[0].value).toBeCloseTo(-0.5) // CSAT 2/5
    expect(curve[1].value).toBeCloseTo(0.8) // NPS 9/10
  })

  it('averages several answers on one touchpoint', () => {
    const [chat, csat] = [
      journey.find((tp) => tp.id === 'tp-chat'),
      journey.find((tp) => tp.id === 'tp-csat'),
    ]
    const second = { ...csat, id: 'tp-csat-2', props: { ...csat.props, scale: 'thumbs', score: 1 } }
    const { shown, answers } = placeFeedback([chat, csat, second])
    expect(emotionCurve(shown, answers)).toMatchObject([{ id: 'tp-chat', value: 0.25 }])
  })
})
