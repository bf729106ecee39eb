// The stories simulated visitors act out. Each takes a visit (visit.mjs), the arrival it should
// use and a seeded random source, and returns a line saying what it did.
import { BLOG_ARRIVALS, SHOP_ARRIVALS } from './arrivals.mjs'

const PRODUCTS = ['yirgacheffe', 'huila', 'house-espresso', 'pour-over-kit']
const POSTS = ['pour-over-basics', 'grind-size', 'cold-brew']

/** Looks at a product or two, maybe reads a review, leaves. */
const browser = async (visit, random) => {
  const arrival = random.pick(SHOP_ARRIVALS)
  await visit.openShop(random.chance(0.5) ? '/' : `/products/${random.pick(PRODUCTS)}`, arrival)
  if (new URL(visit.page.url()).pathname === '/') await visit.follow('.card a')
  if (random.chance(0.6)) await visit.readReview(Math.floor(random.next() * 3))
  await visit.follow('.crumbs a')
  await visit.follow(`.card a[href="/products/${random.pick(PRODUCTS)}"]`)
  return `browsed (${arrival.channel})`
}

/** Arrives, compares, reads reviews, asks the chat, buys. */
const buyer = async (visit, random) => {
  const arrival = random.pick(SHOP_ARRIVALS)
  await visit.openShop(`/products/${random.pick(PRODUCTS)}`, arrival)
  await visit.readReview(0)
  if (random.chance(0.6)) await visit.openChat()
  await visit.follow('a.button[href^="/checkout"]')
  await visit.checkout()
  return `bought (${arrival.channel})`
}

/** Finds the shop, comes back days later from the newsletter to buy, then returns to review. */
const returningCustomer = async (visit, random) => {
  const first = random.pick(SHOP_ARRIVALS.filter((a) => a.channel !== 'email'))
  const product = random.pick(PRODUCTS)
  await visit.openShop(`/products/${product}`, first)
  await visit.readReview(1)
  await visit.flush()
  await visit.later(2 + Math.floor(random.next() * 3))
  await visit.openShop(`/products/${product}`, SHOP_ARRIVALS[0]) // the newsletter
  await visit.openChat()
  await visit.follow('a.button[href^="/checkout"]')
  await visit.checkout()
  await visit.flush()
  await visit.later(5 + Math.floor(random.next() * 4))
  await visit.openShop('/account/orders', {}) // typed in: direct
  await visit.follow('#orders a')
  await visit.writeReview()
  return `came back three times (${first.channel} → email → direct) and reviewed`
}

/** Reads the blog, accepts, subscribes, and follows a link to the shop. */
const blogReader = async (visit, random) => {
  const arrival = random.pick(BLOG_ARRIVALS)
  const post = random.pick(POSTS)
  await visit.openBlog(`/posts/${post}.html`, arrival)
  await visit.answerConsent('granted')
  await visit.follow('.more a')
  if (random.chance(0.5)) await visit.subscribe()
  await visit.flush()
  await visit.follow('.plug a') // to the shop, tagged utm_medium=referral
  if (random.chance(0.4)) {
    await visit.follow('a.button[href^="/checkout"]')
    await visit.checkout()
    return `read the blog (${arrival.channel}), accepted, went to the shop and bought`
  }
  await visit.readReview(0)
  return `read the blog (${arrival.channel}), accepted, went to the shop`
}

/** Reads the blog and declines: touchtrail must record nothing. */
const blogDecliner = async (visit, random) => {
  const arrival = random.pick(BLOG_ARRIVALS)
  await visit.openBlog('/', arrival)
  await visit.answerConsent('denied')
  await visit.follow('.posts a')
  await visit.subscribe()
  return `read the blog (${arrival.channel}) and declined: nothing recorded`
}

/** Reads the blog and never answers the banner: nothing stored, nothing sent. */
const blogIgnorer = async (visit, random) => {
  const arrival = random.pick(BLOG_ARRIVALS)
  await visit.openBlog(`/posts/${random.pick(POSTS)}.html`, arrival)
  await visit.follow('.more a')
  return `read the blog (${arrival.channel}) without answering the banner: nothing recorded`
}

/** The cast, in the order visitors take their parts (then round again). */
export const PERSONAS = [
  buyer,
  browser,
  returningCustomer,
  blogReader,
  buyer,
  blogDecliner,
  browser,
  blogReader,
  returningCustomer,
  buyer,
  blogIgnorer,
  browser,
]
