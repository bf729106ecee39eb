import { describe, expect, it } from 'vitest'
import { classifyArrival } from '../../../src/core/channel'
import type { Channel } from '../../../src/types'

const SITE = 'https://shop.example.com'

// [what, landing URL, referrer, expected channel, or undefined for an internal navigation]
const CASES: [string, string, string, Channel | undefined][] = [
  // no tags: the referrer decides
  ['no referrer', `${SITE}/`, '', 'direct'],
  ['google.com', `${SITE}/`, 'https://www.google.com/', 'organic_search'],
  ['google.co.uk', `${SITE}/`, 'https://www.google.co.uk/', 'organic_search'],
  ['google.com.vn', `${SITE}/`, 'https://www.google.com.vn/', 'organic_search'],
  ['bing', `${SITE}/`, 'https://www.bing.com/search?q=x', 'organic_search'],
  ['cn.bing', `${SITE}/`, 'https://cn.bing.com/', 'organic_search'],
  ['duckduckgo', `${SITE}/`, 'https://duckduckgo.com/', 'organic_search'],
  ['yahoo search', `${SITE}/`, 'https://vn.search.yahoo.com/', 'organic_search'],
  ['baidu mobile', `${SITE}/`, 'https://m.baidu.com/', 'organic_search'],
  ['yandex.ru', `${SITE}/`, 'https://yandex.ru/', 'organic_search'],
  ['ya.ru', `${SITE}/`, 'https://ya.ru/', 'organic_search'],
  ['ecosia', `${SITE}/`, 'https://www.ecosia.org/', 'organic_search'],
  ['naver', `${SITE}/`, 'https://search.naver.com/', 'organic_search'],
  ['seznam', `${SITE}/`, 'https://search.seznam.cz/', 'organic_search'],
  ['qwant', `${SITE}/`, 'https://www.qwant.com/', 'organic_search'],
  ['coccoc', `${SITE}/`, 'https://coccoc.com/search', 'organic_search'],
  ['brave search', `${SITE}/`, 'https://search.brave.com/', 'organic_search'],
  [
    'Google app',
    `${SITE}/`,
    'android-app://com.google.android.googlequicksearchbox/',
    'organic_search',
  ],
  ['facebook', `${SITE}/`, 'https://www.facebook.com/', 'social'],
  ['l.facebook', `${SITE}/`, 'https://l.facebook.com/l.php', 'social'],
  ['m.facebook', `${SITE}/`, 'https://m.facebook.com/', 'social'],
  ['instagram', `${SITE}/`, 'https://l.instagram.com/', 'social'],
  ['t.co', `${SITE}/`, 'https://t.co/abc', 'social'],
  ['x.com', `${SITE}/`, 'https://x.com/someone', 'social'],
  ['linkedin', `${SITE}/`, 'https://www.linkedin.com/feed/', 'social'],
  ['lnkd.in', `${SITE}/`, 'https://lnkd.in/xyz', 'social'],
  ['reddit', `${SITE}/`, 'https://out.reddit.com/', 'social'],
  ['pinterest.co.uk', `${SITE}/`, 'https://www.pinterest.co.uk/', 'social'],
  ['youtube', `${SITE}/`, 'https://www.youtube.com/', 'social'],
  ['tiktok', `${SITE}/`, 'https://www.tiktok.com/', 'social'],
  ['threads', `${SITE}/`, 'https://www.threads.net/', 'social'],
  ['mastodon.social', `${SITE}/`, 'https://mastodon.social/@x', 'social'],
  ['zalo', `${SITE}/`, 'https://chat.zalo.me/', 'social'],
  ['gmail web', `${SITE}/`, 'https://mail.google.com/', 'email'],
  ['outlook web', `${SITE}/`, 'https://outlook.live.com/', 'email'],
  ['Gmail app', `${SITE}/`, 'android-app://com.google.android.gm/', 'email'],
  ['docs.google is no search', `${SITE}/`, 'https://docs.google.com/d/1', 'referral'],
  ['another site', `${SITE}/`, 'https://blog.other.org/post', 'referral'],
  ['a news site named mail', `${SITE}/`, 'https://www.dailymail.co.uk/', 'referral'],
  ['ip referrer', `${SITE}/`, 'http://10.0.0.1:8080/', 'referral'],
  // same site: no new arrival
  ['same host', `${SITE}/p/1`, `${SITE}/`, undefined],
  ['www and bare', 'https://example.com/', 'https://www.example.com/x', undefined],
  ['subdomain', `${SITE}/`, 'https://blog.example.com/', undefined],
  ['co.uk subdomain', 'https://shop.example.co.uk/', 'https://www.example.co.uk/', undefined],
  [
    'other site on a shared host, taken for the same (no public suffix list)',
    'https://a.github.io/',
    'https://b.github.io/',
    undefined,
  ],
  ['localhost other port', 'http://localhost:3000/', 'http://localhost:5173/', undefined],
  ['same IP', 'http://127.0.0.1:3000/a', 'http://127.0.0.1:3000/b', undefined],
  // UTM
  ['utm cpc google', `${SITE}/?utm_source=google&utm_medium=cpc`, '', 'paid_search'],
  ['utm ppc', `${SITE}/?utm_source=bing&utm_medium=ppc`, 'https://www.bing.com/', 'paid_search'],
  ['utm paidsearch', `${SITE}/?utm_medium=paidsearch`, '', 'paid_search'],
  ['utm paid facebook', `${SITE}/?utm_source=facebook&utm_medium=paid`, '', 'paid_social'],
  ['utm cpc instagram', `${SITE}/?utm_source=ig&utm_medium=cpc`, '', 'paid_social'],
  ['utm paid_social', `${SITE}/?utm_source=tiktok&utm_medium=paid_social`, '', 'paid_social'],
  ['utm social', `${SITE}/?utm_source=facebook&utm_medium=social`, '', 'social'],
  ['utm sm', `${SITE}/?utm_source=x&utm_medium=sm`, '', 'social'],
  ['utm email', `${SITE}/?utm_source=newsletter&utm_medium=email`, '', 'email'],
  ['utm e-mail upper case', `${SITE}/?utm_source=crm&utm_medium=E-Mail`, '', 'email'],
  ['utm newsletter', `${SITE}/?utm_medium=newsletter`, '', 'email'],
  ['utm display', `${SITE}/?utm_source=gdn&utm_medium=display`, '', 'display'],
  ['utm banner', `${SITE}/?utm_medium=banner`, '', 'display'],
  ['utm cpm', `${SITE}/?utm_medium=cpm`, '', 'display'],
  ['utm affiliate', `${SITE}/?utm_source=partner&utm_medium=affiliate`, '', 'affiliate'],
  ['utm referral', `${SITE}/?utm_source=partner&utm_medium=referral`, '', 'referral'],
  ['utm organic', `${SITE}/?utm_source=google&utm_medium=organic`, '', 'organic_search'],
  ['utm source only, social', `${SITE}/?utm_source=linkedin`, '', 'social'],
  ['utm source only, mail', `${SITE}/?utm_source=mailchimp`, '', 'email'],
  ['utm source only, other', `${SITE}/?utm_source=partner-blog`, '', 'referral'],
  [
    'unknown medium, search source',
    `${SITE}/?utm_source=google&utm_medium=weird`,
    '',
    'organic_search',
  ],
  ['utm in a hash route', `${SITE}/#/?utm_source=facebook&utm_medium=social`, '', 'social'],
  ['utm on an internal link', `${SITE}/?utm_source=x&utm_medium=social`, `${SITE}/`, 'social'],
  // click ids
  ['gclid', `${SITE}/?gclid=abc`, 'https://www.google.com/', 'paid_search'],
  ['gbraid', `${SITE}/?gbraid=abc`, '', 'paid_search'],
  ['wbraid', `${SITE}/?wbraid=abc`, '', 'paid_search'],
  ['dclid', `${SITE}/?dclid=abc`, '', 'display'],
  ['msclkid', `${SITE}/?msclkid=abc`, 'https://www.bing.com/', 'paid_search'],
  ['fbclid alone is social', `${SITE}/?fbclid=abc`, 'https://l.facebook.com/', 'social'],
  ['ttclid', `${SITE}/?ttclid=abc`, '', 'paid_social'],
  ['li_fat_id', `${SITE}/?li_fat_id=abc`, '', 'paid_social'],
  ['twclid', `${SITE}/?twclid=abc`, '', 'paid_social'],
  ['ScCid', `${SITE}/?ScCid=abc`, '', 'paid_social'],
  ['epik', `${SITE}/?epik=abc`, '', 'paid_social'],
  ['utm medium beats click id', `${SITE}/?gclid=abc&utm_medium=email`, '', 'email'],
  ['fbclid with paid utm', `${SITE}/?fbclid=a&utm_source=fb&utm_medium=cpc`, '', 'paid_social'],
]

describe('classifyArrival', () => {
  it.each(CASES)('%s', (_, url, referrer, channel) => {
    expect(classifyArrival(url, referrer)?.channel).toBe(channel)
  })

  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40)
  })

  it('reports the campaign of a tagged arrival, and no campaign for an untagged one', () => {
    expect(
      classifyArrival(
        `${SITE}/?utm_source=Facebook&utm_medium=social&utm_campaign=spring+sale&utm_term=shoes&utm_content=ad%201`,
        '',
      ),
    ).toEqual({
      channel: 'social',
      campaign: {
        source: 'Facebook',
        medium: 'social',
        name: 'spring sale',
        term: 'shoes',
        content: 'ad 1',
      },
      campaignKey: 'Facebook|social|spring sale|shoes|ad 1|',
    })
    expect(classifyArrival(`${SITE}/`, 'https://www.google.com/')).toEqual({
      channel: 'organic_search',
    })
  })

  it('names the network of a click id as the source', () => {
    expect(classifyArrival(`${SITE}/?gclid=G1`, '')).toEqual({
      channel: 'paid_search',
      campaign: { source: 'google', clickId: 'gclid' },
      campaignKey: '|||||gclid=G1',
    })
  })

  it('gives each ad click its own campaign key, and a reload the same one', () => {
    const first = classifyArrival(`${SITE}/?gclid=one`, 'https://www.google.com/')
    const reload = classifyArrival(`${SITE}/?gclid=one`, 'https://www.google.com/')
    const second = classifyArrival(`${SITE}/?gclid=two`, 'https://www.google.com/')
    expect(first?.campaignKey).toBe(reload?.campaignKey)
    expect(first?.campaignKey).not.toBe(second?.campaignKey)
  })

  it('never throws on junk', () => {
    expect(classifyArrival('', '')).toEqual({ channel: 'direct' })
    expect(classifyArrival('not a url?%E0%A4%A=1&utm_source=%', 'nope')?.channel).toBe('referral')
  })
})
