import { describe, expect, it } from 'vitest'
import { DEFAULT_STAGE_RULES, stageOf } from '../../../src/core/stage'
import type { Stage, StageRules } from '../../../src/types'

describe('stageOf with the default rules', () => {
  // [type, path, landing, expected]
  it.each<[string, string, boolean, Stage | undefined]>([
    ['page_view', '/', true, 'awareness'],
    ['page_view', '/blog/how-to', true, 'awareness'],
    ['page_view', '/products/shoe-1', true, 'awareness'],
    ['page_view', '/products/shoe-1', false, 'consideration'],
    ['page_view', '/collections/summer', false, 'consideration'],
    ['page_view', '/p/1', false, 'consideration'],
    ['page_view', '/pricing', false, 'consideration'],
    ['page_view', '/', false, undefined],
    ['page_view', '/about', false, undefined],
    ['review_read', '/p/1', false, 'consideration'],
    ['chat_open', '/', true, 'consideration'],
    ['page_view', '/cart', false, 'purchase'],
    ['page_view', '/checkout/shipping', true, 'purchase'],
    ['form_submit', '/checkout/payment', false, 'purchase'],
    ['page_view', '/order/12/thank-you', false, 'purchase'],
    ['page_view', '/account/orders', false, 'retention'],
    ['page_view', '/login', true, 'retention'],
    ['identify', '/login', false, 'retention'],
    ['identify', '/signup', false, undefined],
    ['form_submit', '/sign-in', false, 'retention'],
    ['form_submit', '/products/1/reviews', false, 'advocacy'],
    ['form_submit', '/refer', false, 'advocacy'],
    ['form_submit', '/contact', false, undefined],
    ['page_vitals', '/p/1', false, undefined],
    ['newsletter_signup', '/', true, undefined],
    ['purchase', '/checkout/done', false, 'purchase'],
    ['purchase', '/', true, 'purchase'],
    ['feedback', '/order/12/thank-you', false, 'retention'],
    ['feedback', '/orders/12', false, 'retention'],
    ['feedback', '/checkout/confirmation', false, 'retention'],
    ['feedback', '/account', false, 'retention'],
    ['feedback', '/checkout/payment', false, undefined],
    ['feedback', '/blog/post-1', false, undefined],
    ['form_abandon', '/checkout/payment', false, 'purchase'],
    ['form_abandon', '/contact', false, undefined],
    ['rage_click', '/cart', false, 'purchase'],
    ['rage_click', '/p/1', false, undefined],
  ])('%s on %s (landing %s) → %s', (type, path, landing, stage) => {
    expect(stageOf(type, path, [], landing)).toBe(stage)
  })
})

describe('stageOf with site rules', () => {
  const rules: StageRules = [
    { type: 'page_view', path: '/blog/*', stage: 'awareness' },
    { type: 'page_view', path: /^\/p\/vip-/, stage: 'retention' },
    { type: 'newsletter_signup', stage: 'retention' },
    { type: 'page_view', path: '/cart', stage: 'consideration' },
  ]

  it('tries the site rules first, then the defaults; the first match wins', () => {
    expect(stageOf('page_view', '/blog/post-1', rules, false)).toBe('awareness')
    expect(stageOf('page_view', '/p/vip-1', rules, false)).toBe('retention')
    expect(stageOf('page_view', '/cart', rules, false)).toBe('consideration')
    expect(stageOf('page_view', '/p/2', rules, false)).toBe('consideration')
    expect(stageOf('newsletter_signup', '/anything', rules, false)).toBe('retention')
  })

  it('matches a string pattern against the whole path, * matching anything, the rest literal', () => {
    expect(stageOf('page_view', '/blog', rules, false)).toBeUndefined()
    expect(stageOf('page_view', '/x/blog/post', rules, false)).toBeUndefined()
    const literal: StageRules = [{ type: 'page_view', path: '/a.b?(c)', stage: 'advocacy' }]
    expect(stageOf('page_view', '/a.b?(c)', literal, false)).toBe('advocacy')
    expect(stageOf('page_view', '/axb(c)', literal, false)).toBeUndefined()
  })

  it('gives a site rule for landing pages', () => {
    const landing: StageRules = [{ type: 'landing', path: '/lp/*', stage: 'consideration' }]
    expect(stageOf('page_view', '/lp/spring', landing, true)).toBe('consideration')
    expect(stageOf('page_view', '/lp/spring', landing, false)).toBeUndefined()
    expect(stageOf('chat_open', '/lp/spring', landing, true)).toBe('consideration')
  })

  it('gives the same answer every time for a /g RegExp', () => {
    const global: StageRules = [{ type: 'page_view', path: /\/deal/g, stage: 'purchase' }]
    const answers = [1, 2, 3].map(() => stageOf('page_view', '/deal/1', global, false))
    expect(answers).toEqual(['purchase', 'purchase', 'purchase'])
  })

  it('exports the defaults it falls back on', () => {
    expect(DEFAULT_STAGE_RULES.some((rule) => rule.type === 'landing')).toBe(true)
  })
})
