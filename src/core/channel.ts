import type { Campaign, Channel } from '../types'
import { matchesDomain } from './link'
import { decodeParam } from './redact'

/** How a page load arrived: its channel, and the campaign when it was tagged. */
export interface Arrival {
  channel: Channel
  campaign?: Campaign
  /** Identifies the campaign (UTM values and click id): a new one starts a new session. */
  campaignKey?: string
}

// Ad click ids, in order of precedence: the network that appends each, and the channel a click
// with no UTM medium gets. fbclid is also appended to organic Facebook shares, so alone it says
// social, not paid_social. https://support.google.com/analytics/answer/9756891
const CLICK_IDS: [string, string, Channel][] = [
  ['gclid', 'google', 'paid_search'],
  ['gbraid', 'google', 'paid_search'],
  ['wbraid', 'google', 'paid_search'],
  ['dclid', 'google', 'display'],
  ['msclkid', 'bing', 'paid_search'],
  ['yclid', 'yandex', 'paid_search'],
  ['ttclid', 'tiktok', 'paid_social'],
  ['li_fat_id', 'linkedin', 'paid_social'],
  ['twclid', 'x', 'paid_social'],
  ['sccid', 'snapchat', 'paid_social'],
  ['epik', 'pinterest', 'paid_social'],
  ['fbclid', 'facebook', 'social'],
]

// Tested on a host or a utm_source with its common subdomains (www., m., l., de., …) removed.
const SEARCH =
  /^(search\.)?(google|bing|duckduckgo|yahoo|baidu|yandex|ya|ecosia|naver|seznam|qwant|coccoc|brave|sogou)(\.[a-z]{2,3}(\.[a-z]{2})?)?$|quicksearchbox/
const SOCIAL =
  /^(facebook|fb|ig|instagram|twitter|x|t\.co|linkedin|lnkd\.in|reddit|pinterest|pin\.it|youtube|youtu\.be|tiktok|threads|mastodon|bsky|zalo|vk|snapchat|whatsapp|wa\.me|telegram|t\.me|line)(\.|$)/
// Webmail hosts (and the Gmail app); for a utm_source, any mail-ish name or mailing service.
const MAIL_HOST = /^(mail|webmail|email|outlook)\.|\.gm$/
const MAIL_SOURCE = /mail|newsletter|klaviyo|brevo|sendinblue|sendgrid/
const SUBDOMAIN = /^((www\d?|m|l|lm|mobile|out|old|new|web|chat|[a-z]{2})\.)+(?=[^.]+\.)/

// utm_medium values, checked in order. https://support.google.com/analytics/answer/9756891
const MEDIUMS: [RegExp, Channel][] = [
  [/^(paid.?social|social.?paid)$/, 'paid_social'],
  [/^(cpc|ppc|paid|paid.?search|sem|cpv|cpa|adwords)$/, 'paid_search'],
  [/^(social|sm|social.?(media|network))$/, 'social'],
  [/^(e.?mail|newsletter)$/, 'email'],
  [/^(display|banner|cpm)$/, 'display'],
  [/^affiliates?$/, 'affiliate'],
  [/^referral$/, 'referral'],
  [/^organic$/, 'organic_search'],
  [/^\(?none\)?$/, 'direct'],
]

const hostOf = (url: string): string =>
  (/^[a-z][a-z\d+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]*)/i.exec(url)?.[1] ?? '').toLowerCase()

// The registrable part of a host, roughly: example.com, example.co.uk. Without the public suffix
// list, two sites on one shared host (a.github.io, b.github.io) count as one.
const siteOf = (host: string): string =>
  /^[\d.]+$/.test(host)
    ? host
    : host
        .split('.')
        .slice(/\.(co|com|net|org|gov|edu|ac)\.[a-z]{2}$/.test(host) ? -3 : -2)
        .join('.')

const bySource = (source: string, mail: RegExp): Channel => {
  const name = source.toLowerCase().replace(SUBDOMAIN, '')
  if (SOCIAL.test(name)) return 'social'
  if (SEARCH.test(name)) return 'organic_search'
  return mail.test(name) ? 'email' : 'referral'
}

/**
 * How a page load at `url`, reached from `referrer`, arrived; undefined when the referrer is the
 * same site or one of the brand's `linked` domains (an internal navigation: the session keeps its
 * channel). UTM parameters decide first, then ad click ids, then the referrer's host; no referrer
 * and no tags is `direct`.
 */
export const classifyArrival = (
  url: string,
  referrer: string,
  linked: readonly string[] = [],
): Arrival | undefined => {
  // Query parameters of the URL and of its fragment (hash routers), names lower-cased; the first
  // of a name counts.
  const params = new Map<string, string>()
  for (const part of url.split('#')) {
    const at = part.indexOf('?')
    for (const pair of at < 0 ? [] : part.slice(at + 1).split('&')) {
      const [name, ...value] = pair.split('=')
      const key = decodeParam(name!).toLowerCase()
      if (key && !params.has(key)) params.set(key, decodeParam(value.join('=')))
    }
  }
  const get = (name: string) => params.get(name) || undefined
  const click = CLICK_IDS.find(([name]) => get(name))
  const source = get('utm_source')
  const medium = get('utm_medium')
  const campaignName = get('utm_campaign')
  const fromHost = hostOf(referrer)
  // A same-site or linked referrer is no source: tagged, a campaign; untagged, no arrival at all.
  const external =
    fromHost && siteOf(fromHost) !== siteOf(hostOf(url)) && !matchesDomain(fromHost, linked)
      ? fromHost
      : ''
  const tagged = source || medium || campaignName || click
  if (!tagged && fromHost && !external) return undefined

  const lowMedium = medium?.toLowerCase().trim() ?? ''
  const ofMedium = MEDIUMS.find(([pattern]) => pattern.test(lowMedium))?.[1]
  const ofSource = source && bySource(source, MAIL_SOURCE)
  // Paid media from a social source is paid_social.
  const paid = ofMedium === 'paid_search' || ofMedium === 'display'
  const channel =
    paid && ofSource === 'social'
      ? 'paid_social'
      : ofMedium || click?.[2] || ofSource || (external ? bySource(external, MAIL_HOST) : 'direct')
  if (!tagged) return { channel }

  const term = get('utm_term')
  const content = get('utm_content')
  // Absent values stay undefined: toJson leaves such keys out. (Not a JSON round trip to drop
  // them: the page may have broken JSON, and the tracker must start all the same.)
  const campaign: Campaign = {
    source: source ?? click?.[1],
    medium,
    name: campaignName,
    term,
    content,
    clickId: click?.[0],
  }
  // join() writes nothing for an absent value.
  const key = [source, medium, campaignName, term, content, click && `${click[0]}=${get(click[0])}`]
  return { channel, campaign, campaignKey: key.join('|') }
}
