// @vitest-environment happy-dom
// The weak-links and touchpoint-value panels, drawn from fixture answers of the collector's APIs.
import { describe, expect, it } from 'vitest'
import { MODELS, renderValue, valueRows } from '../journey/value.js'
import { rankWeakLinks, renderWeakLinks } from '../journey/weakLinks.js'
import { emptyRow } from '../collector/satisfaction.mjs'

// A /api/satisfaction row of 10 touchpoints, with `figures` over the collector's empty row.
const satisfaction = (key, figures) => ({ ...emptyRow(key), touchpoints: 10, ...figures })

describe('rankWeakLinks', () => {
  const byType = [
    satisfaction('chat_open', { answers: 4, csat: 2 }), // felt −0.5 → 0.75
    satisfaction('page_view', { answers: 8, thumbs: 90 }), // felt +0.8 → 0.1
    satisfaction('review_read', {}), // no answers, no friction: not a weak link
  ]
  const byPage = [
    satisfaction('/checkout', { abandons: 5, rageClicks: 3 }), // friction 0.8
    satisfaction('/p/1', { answers: 2, nps: -100, abandons: 20 }), // 1 + capped 1
  ]

  it('puts the worst first: low answers and friction add up, quiet rows are left out', () => {
    const ranked = rankWeakLinks({ byType, byPage })
    expect(ranked.map((row) => [row.kind, row.key])).toEqual([
      ['page', '/p/1'],
      ['page', '/checkout'],
      ['type', 'chat_open'],
      ['type', 'page_view'],
    ])
    expect(ranked.map((row) => row.score)).toEqual([2, 0.8, 0.75, expect.closeTo(0.1)])
  })

  it('ranks a page nobody answered on by its friction alone', () => {
    expect(rankWeakLinks({ byPage: [satisfaction('/a', { rageClicks: 1 })] })).toMatchObject([
      { key: '/a', score: 0.1 },
    ])
  })
})

describe('renderWeakLinks', () => {
  it('draws one row per weak link, worst first, with its figures', () => {
    const container = document.createElement('div')
    renderWeakLinks(container, [
      {
        kind: 'page',
        key: '/checkout',
        score: 0.9,
        csat: null,
        nps: -40,
        thumbs: null,
        abandons: 5,
        rageClicks: 3,
        touchpoints: 10,
      },
      {
        kind: 'type',
        key: 'chat_open',
        score: 0.4,
        csat: 2.5,
        nps: null,
        thumbs: null,
        abandons: 0,
        rageClicks: 0,
        touchpoints: 7,
      },
    ])
    const rows = [...container.querySelectorAll('tbody tr')]
    expect(rows.map((row) => row.dataset.key)).toEqual(['/checkout', 'chat_open'])
    expect(rows[0].querySelector('th').textContent).toBe('page/checkout')
    expect(rows[0].textContent).toContain('NPS -40')
    expect(rows[0].querySelector('td.bad').textContent).toBe('5')
    expect(rows[1].querySelector('th').textContent).toBe('typechat open')
    expect(rows[1].textContent).toContain('CSAT 2.5')
  })

  it('says "not available" without the API, and "no weak links" with none', () => {
    const container = document.createElement('div')
    renderWeakLinks(container, undefined)
    expect(container.querySelector('.unavailable').textContent).toMatch(/Not available.*weak-links/)
    renderWeakLinks(container, [])
    expect(container.textContent).toMatch(/No weak links yet/)
  })
})

// Two conversions worth 100 EUR: email opened both journeys, search closed them.
const answer = (model, shares) => ({
  model,
  by: 'channel',
  currency: 'EUR',
  conversions: 2,
  value: 100,
  rows: Object.entries(shares).map(([key, share]) => ({
    key,
    share,
    conversions: 2 * share,
    value: 100 * share,
  })),
})
const answers = {
  first: answer('first', { email: 1 }),
  last: answer('last', { organic_search: 1 }),
  linear: answer('linear', { email: 0.5, organic_search: 0.5 }),
  time_decay: answer('time_decay', { email: 0.3, organic_search: 0.7 }),
  position: answer('position', { email: 0.5, organic_search: 0.5 }),
  markov: answer('markov', { email: 0.6, organic_search: 0.4 }),
}

describe('valueRows', () => {
  it('gives every key a share under every model, 0 where a model gave it nothing', () => {
    const rows = valueRows(answers, 'last')
    expect(rows.map((row) => row.key)).toEqual(['organic_search', 'email'])
    expect(rows[1].shares).toEqual({
      first: 1,
      last: 0,
      linear: 0.5,
      time_decay: 0.3,
      position: 0.5,
      markov: 0.6,
    })
    expect(valueRows(answers, 'first').map((row) => row.key)).toEqual(['email', 'organic_search'])
  })
})

describe('renderValue', () => {
  const draw = (given, model = 'last', by = 'channel') => {
    const container = document.createElement('div')
    const picked = []
    renderValue(container, given, {
      model,
      by,
      on: {
        model: (name) => picked.push(['model', name]),
        by: (name) => picked.push(['by', name]),
      },
    })
    return { container, picked }
  }

  it('puts the models side by side and shows where first and last touch disagree', () => {
    const { container } = draw(answers)
    expect([...container.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'channel',
      'first',
      'last',
      'linear',
      'decay',
      'position',
      'markov',
      'last − first',
    ])
    const email = container.querySelector('tr[data-key="email"]')
    expect([...email.querySelectorAll('td[data-model]')].map((td) => td.textContent)).toEqual([
      '100%',
      '0%',
      '50%',
      '30%',
      '50%',
      '60%',
    ])
    expect(email.querySelector('td.swing').textContent).toBe('−100 pt')
    expect(email.querySelector('td.swing').classList.contains('disagree')).toBe(true)
    expect(container.querySelector('td.chosen').dataset.model).toBe('last')
    expect(container.querySelector('.summary').textContent).toBe(
      '2 conversions · €100 · credit by channel under last',
    )
  })

  it('hands the switches’ picks to the page', () => {
    const { container, picked } = draw(answers)
    container.querySelector('[aria-label="model"] [data-value="markov"]').click()
    container.querySelector('[aria-label="credit by"] [data-value="type"]').click()
    expect(picked).toEqual([
      ['model', 'markov'],
      ['by', 'type'],
    ])
    expect(container.querySelectorAll('[aria-label="model"] button')).toHaveLength(MODELS.length)
  })

  it('leaves out a model the collector does not answer', () => {
    const { markov, ...withoutMarkov } = answers
    const { container } = draw(withoutMarkov)
    expect(container.querySelector('th[data-model="markov"]')).toBeNull()
    expect(container.querySelectorAll('tr[data-key="email"] td[data-model]')).toHaveLength(5)
  })

  it('says "not available" without the API, and "no conversions" before the first', () => {
    expect(draw(undefined).container.querySelector('.unavailable').textContent).toMatch(
      /Not available.*attribution/,
    )
    const none = { last: { ...answers.last, conversions: 0, value: 0, rows: [] } }
    expect(draw(none).container.textContent).toMatch(/No conversions yet/)
  })
})
