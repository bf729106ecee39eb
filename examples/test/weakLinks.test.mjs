// The weak-links score on hand-made rows, worked out on paper.
import { describe, expect, it } from 'vitest'
import { dissatisfaction, rankWeakLinks } from '../collector/weakLinks.mjs'
import { emptyRow } from '../collector/satisfaction.mjs'

// A /api/satisfaction row of 10 touchpoints, with `fields` over the collector's empty row.
const row = (key, fields = {}) => ({ ...emptyRow(key), touchpoints: 10, ...fields })

describe('dissatisfaction', () => {
  it.each([
    ['csat 1 (the worst)', { csat: 1 }, 1],
    ['csat 5 (the best)', { csat: 5 }, 0],
    ['csat 3', { csat: 3 }, 0.5],
    ['ces 7 (easiest)', { ces: 7 }, 0],
    ['ces 4', { ces: 4 }, 0.5],
    ['nps −100', { nps: -100 }, 1],
    ['nps 50', { nps: 50 }, 0.25],
    ['thumbs 25 %', { thumbs: 25 }, 0.75],
    ['csat 5 and thumbs 0 %: the mean of the scales', { csat: 5, thumbs: 0 }, 0.5],
    ['no answers', {}, 0],
  ])('%s → %s', (_, fields, expected) => {
    expect(dissatisfaction(row('x', fields))).toBeCloseTo(expected, 10)
  })
})

describe('rankWeakLinks', () => {
  it('combines the signals: half dissatisfaction, half friction relative to the worst rate', () => {
    const links = rankWeakLinks({
      type: [row('chat_open', { answers: 4, csat: 2 })],
      page: [
        row('/checkout', { touchpoints: 20, abandons: 3, rageClicks: 1 }), // rate 0.2 → 1
        row('/p/1', { touchpoints: 10, rageClicks: 1, answers: 2, thumbs: 50 }), // 0.1 → 0.5
      ],
    })
    expect(links).toEqual([
      {
        kind: 'page',
        key: '/checkout',
        score: 0.5,
        dissatisfaction: 0,
        friction: 1,
        touchpoints: 20,
        answers: 0,
        csat: null,
        nps: null,
        ces: null,
        thumbs: null,
        abandons: 3,
        rageClicks: 1,
      },
      expect.objectContaining({
        key: '/p/1',
        score: 0.5,
        dissatisfaction: 0.5,
        friction: 0.5,
        thumbs: 50,
      }),
      expect.objectContaining({ kind: 'type', key: 'chat_open', score: 0.375 }),
    ])
  })

  it('breaks ties by touchpoints, leaves out the signal types and the links with nothing wrong', () => {
    const links = rankWeakLinks({
      type: [
        row('feedback', { answers: 9, nps: -100 }),
        row('form_abandon', { touchpoints: 5, abandons: 5 }),
        row('rage_click', { touchpoints: 5, rageClicks: 5 }),
        row('review_read', { touchpoints: 3, answers: 1, csat: 3 }),
        row('page_view', { touchpoints: 30, answers: 1, csat: 3 }),
        row('chat_open', { answers: 3, csat: 5 }),
      ],
      page: [row('/fine', { touchpoints: 100 })],
    })
    expect(links.map((link) => link.key)).toEqual(['page_view', 'review_read'])
  })

  it('keeps the worst `limit`', () => {
    const page = Array.from({ length: 30 }, (_, i) => row(`/p/${i}`, { rageClicks: i + 1 }))
    const links = rankWeakLinks({ type: [], page }, { limit: 3 })
    expect(links.map((link) => link.key)).toEqual(['/p/29', '/p/28', '/p/27'])
  })
})
