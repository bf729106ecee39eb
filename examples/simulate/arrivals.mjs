// Ways a simulated visitor arrives: the query string and referrer a real one would bring, and
// the channel touchtrail should decide from them (SPEC §3).

/** Arrivals at the storefront, by the channel they should produce. */
export const SHOP_ARRIVALS = [
  { channel: 'email', query: '?utm_source=newsletter&utm_medium=email&utm_campaign=nov-roast' },
  { channel: 'organic_search', referer: 'https://www.google.com/' },
  { channel: 'organic_search', referer: 'https://duckduckgo.com/' },
  { channel: 'social', referer: 'https://l.facebook.com/' },
  { channel: 'social', referer: 'https://www.instagram.com/' },
  { channel: 'paid_search', query: '?gclid=Cj0KCQiA-demo' },
  {
    channel: 'paid_social',
    query: '?utm_source=instagram&utm_medium=paid_social&utm_campaign=cold-brew',
  },
  { channel: 'referral', referer: 'https://www.seriouseats.com/best-coffee-subscriptions' },
  { channel: 'display', query: '?utm_source=roastnet&utm_medium=display&utm_campaign=autumn' },
  { channel: 'affiliate', query: '?utm_source=beanreviews&utm_medium=affiliate' },
  { channel: 'direct' },
]

/** Arrivals at the blog. */
export const BLOG_ARRIVALS = [
  { channel: 'organic_search', referer: 'https://www.google.com/' },
  { channel: 'social', referer: 'https://www.reddit.com/r/Coffee/' },
  { channel: 'social', referer: 'https://t.co/' },
  { channel: 'email', query: '?utm_source=newsletter&utm_medium=email&utm_campaign=brew-log' },
  { channel: 'direct' },
]

/** A tiny seeded PRNG (mulberry32), so `--simulate 12` tells the same stories every run. */
export const createRandom = (seed) => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return {
    next,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** One of `list`, each as likely as its `weight`. */
    pickWeighted: (list, weight) => {
      let left = next() * list.reduce((sum, item) => sum + weight(item), 0)
      return list.find((item) => (left -= weight(item)) < 0) ?? list.at(-1)
    },
    chance: (probability) => next() < probability,
  }
}
