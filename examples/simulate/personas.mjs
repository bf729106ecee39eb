// The stories simulated visitors act out. Each takes a visit (visit.mjs), the arrival it should
// use and a seeded random source, and returns a line saying what it did. The rates below give
// the journey map its story: which channels buy, where visitors get stuck, how each step felt.
import { BLOG_ARRIVALS, SHOP_ARRIVALS } from './arrivals.mjs'

const PRODUCTS = ['yirgacheffe', 'huila', 'house-espresso', 'pour-over-kit']
const POSTS = ['pour-over-basics', 'grind-size', 'cold-brew']

/** How often a shop visitor from each channel starts a checkout: email buys, paid_social rarely. */
export const CHECKOUT_RATE = {
  email: 0.7,
  organic_search: 0.45,
  referral: 0.4,
  direct: 0.4,
  affiliate: 0.35,
  paid_search: 0.3,
  social: 0.2,
  display: 0.12,
  paid_social: 0.08,
}
/** Of the checkouts started, how many are left half-filled. */
export const ABANDON_RATE = 0.3
/** Of the visitors who pay, how many click the slow Pay button again and again. */
export const RAGE_RATE = 0.15
/** How many buyers and shoppers switch the shop to pounds (the header's locale switch). */
export const PAY_IN_POUNDS = 0.25
/** How often a post's reader finds it helpful: grind-size is the blog's weak link. */
export const HELPFUL_RATE = { 'pour-over-basics': 0.85, 'cold-brew': 0.75, 'grind-size': 0.25 }

// Scores drawn from lists (each entry equally likely), so their spread reads at a glance.
const CHAT_CSAT = [5, 5, 5, 5, 4, 4, 4, 3, 2, 1] // mostly happy, some not
const ORDER_CSAT = [5, 5, 5, 5, 4, 4, 4, 3]
const ORDER_CSAT_AFTER_RAGE = [4, 3, 3, 2, 2, 1] // the Pay button spoiled it
const NPS = [10, 10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3] // ≈ +25
const NPS_AFTER_RAGE = [9, 8, 7, 6, 5, 4, 2]

// Buyers arrive more often from the channels that buy, browsers from the ones that do not.
const buyerArrival = (random) => random.pickWeighted(SHOP_ARRIVALS, (a) => CHECKOUT_RATE[a.channel])
const browserArrival = (random) =>
  random.pickWeighted(SHOP_ARRIVALS, (a) => 1 - CHECKOUT_RATE[a.channel])

/** Closes the chat, and rates it 70% of the time. */
const finishChat = async (visit, random) => {
  const score = random.chance(0.7) ? random.pick(CHAT_CSAT) : undefined
  await visit.closeChat(score)
  return score === undefined ? 'chatted' : `chatted (rated ${score}/5)`
}

/** Pays (some rage-clicking the slow button), then most rate the order and half answer NPS. */
const pay = async (visit, random) => {
  const rage = random.chance(RAGE_RATE)
  await visit.checkout({ rage })
  const csat = random.chance(0.75)
    ? random.pick(rage ? ORDER_CSAT_AFTER_RAGE : ORDER_CSAT)
    : undefined
  const nps = random.chance(0.5) ? random.pick(rage ? NPS_AFTER_RAGE : NPS) : undefined
  await visit.answerOrder({ csat, nps })
  return [
    'bought',
    rage && 'rage-clicked Pay',
    csat !== undefined && `order ${csat}/5`,
    nps !== undefined && `nps ${nps}`,
  ]
    .filter(Boolean)
    .join(', ')
}

/** At the checkout: some leave it half-filled, the others pay. */
const atCheckout = async (visit, random) => {
  if (random.chance(ABANDON_RATE)) {
    await visit.abandonCheckout(1 + Math.floor(random.next() * 4))
    return 'abandoned the checkout'
  }
  return pay(visit, random)
}

/** Reads a post, and answers "Was this helpful?" 70% of the time, as the post deserves. */
const readPost = async (visit, random, post) => {
  if (!random.chance(0.7)) return ''
  const up = random.chance(HELPFUL_RATE[post])
  await visit.thumbs(up)
  return `, found ${post} ${up ? 'helpful' : 'unhelpful'}`
}

/** Looks at a product or two, maybe reads a review or asks the chat, leaves. */
const browser = async (visit, random) => {
  const arrival = browserArrival(random)
  await visit.openShop(random.chance(0.5) ? '/' : `/products/${random.pick(PRODUCTS)}`, arrival)
  if (new URL(visit.page.url()).pathname === '/') await visit.follow('.card a')
  if (random.chance(0.6)) await visit.readReview(Math.floor(random.next() * 3))
  let chat = ''
  if (random.chance(0.3)) {
    await visit.openChat()
    chat = `, ${await finishChat(visit, random)}`
  }
  await visit.follow('.crumbs a')
  await visit.follow(`.card a[href="/products/${random.pick(PRODUCTS)}"]`)
  return `browsed (${arrival.channel})${chat}`
}

/** Arrives, compares, reads reviews, asks the chat, goes to the checkout (some pay in pounds). */
const buyer = async (visit, random) => {
  const arrival = buyerArrival(random)
  await visit.openShop(`/products/${random.pick(PRODUCTS)}`, arrival)
  if (random.chance(PAY_IN_POUNDS)) await visit.switchCurrency('GBP')
  await visit.readReview(0)
  let chat = ''
  if (random.chance(0.6)) {
    await visit.openChat()
    chat = `${await finishChat(visit, random)}, `
  }
  await visit.follow('a.button[href^="/checkout"]')
  return `${chat}${await atCheckout(visit, random)} (${arrival.channel})`
}

/** Any shop visitor: starts a checkout as often as their channel does. */
const shopper = async (visit, random) => {
  const arrival = random.pick(SHOP_ARRIVALS)
  await visit.openShop(`/products/${random.pick(PRODUCTS)}`, arrival)
  if (random.chance(PAY_IN_POUNDS)) await visit.switchCurrency('GBP')
  if (random.chance(0.5)) await visit.readReview(0)
  if (!random.chance(CHECKOUT_RATE[arrival.channel])) {
    await visit.follow('.crumbs a')
    return `looked and left (${arrival.channel})`
  }
  await visit.follow('a.button[href^="/checkout"]')
  return `${await atCheckout(visit, random)} (${arrival.channel})`
}

/** Finds the shop, comes back days later from the newsletter to buy, then returns to review. */
const returningCustomer = async (visit, random) => {
  const first = random.pick(SHOP_ARRIVALS.filter((a) => a.channel !== 'email'))
  const product = random.pick(PRODUCTS)
  await visit.openShop(`/products/${product}`, first)
  await visit.readReview(1)
  // Half of them start a checkout on that first visit and leave it: the newsletter brings them back.
  const left = random.chance(0.5)
  if (left) {
    await visit.follow('a.button[href^="/checkout"]')
    await visit.abandonCheckout(1 + Math.floor(random.next() * 4))
  }
  await visit.flush()
  await visit.later(2 + Math.floor(random.next() * 3))
  await visit.openShop(`/products/${product}`, SHOP_ARRIVALS[0]) // the newsletter
  await visit.openChat()
  const chat = await finishChat(visit, random)
  await visit.follow('a.button[href^="/checkout"]')
  const bought = await pay(visit, random)
  await visit.flush()
  await visit.later(5 + Math.floor(random.next() * 4))
  await visit.openShop('/account/orders', {}) // typed in: direct
  await visit.follow('#orders a')
  await visit.writeReview()
  return (
    `came back three times (${first.channel}${left ? ', abandoned the checkout' : ''} → email → ` +
    `direct): ${chat}, ${bought}, reviewed`
  )
}

/** Buys on a laptop, then days later logs in on a phone: one customer, two devices. */
const twoDevices = async (visit, random) => {
  const arrival = buyerArrival(random)
  await visit.openShop(`/products/${random.pick(PRODUCTS)}`, arrival)
  await visit.readReview(0)
  await visit.follow('a.button[href^="/checkout"]')
  const bought = await pay(visit, random)
  await visit.flush()
  await visit.later(3 + Math.floor(random.next() * 4))
  const phone = await visit.otherDevice()
  await phone.logIn()
  await phone.openShop(`/products/${random.pick(PRODUCTS)}`, {})
  let again = 'looked'
  if (random.chance(0.5)) {
    await phone.follow('a.button[href^="/checkout"]')
    again = await pay(phone, random)
  }
  await phone.flush()
  return `laptop (${arrival.channel}): ${bought}; phone, logged in: ${again}`
}

/** Reads the blog, accepts, subscribes, and follows a link to the shop. */
const blogReader = async (visit, random) => {
  const arrival = random.pick(BLOG_ARRIVALS)
  await visit.openBlog(`/posts/${random.pick(POSTS)}.html`, arrival)
  await visit.answerConsent('granted')
  await visit.follow('.more a')
  const post = new URL(visit.page.url()).pathname.slice(7, -5)
  const answered = await readPost(visit, random, post)
  if (random.chance(0.5)) await visit.subscribe()
  await visit.flush()
  await visit.follow('.plug a') // to the shop: the same visitor once the linker carries them
  if (random.chance(CHECKOUT_RATE[arrival.channel])) {
    await visit.follow('a.button[href^="/checkout"]')
    return `read the blog (${arrival.channel})${answered}, went to the shop: ${await atCheckout(visit, random)}`
  }
  await visit.readReview(0)
  return `read the blog (${arrival.channel})${answered}, went to the shop`
}

/** Opens the newsletter's post, then buys what it used: one session, channel email, two sites. */
const blogFromEmail = async (visit, random) => {
  const arrival = BLOG_ARRIVALS.find((a) => a.channel === 'email')
  const post = random.pick(POSTS)
  await visit.openBlog(`/posts/${post}.html`, arrival)
  await visit.answerConsent('granted')
  const answered = await readPost(visit, random, post)
  await visit.follow('.plug a')
  await visit.follow('a.button[href^="/checkout"]')
  return `read ${post} from the newsletter${answered}, followed its link to the shop: ${await pay(visit, random)}`
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
  blogFromEmail,
  shopper,
  blogDecliner,
  twoDevices,
  browser,
  blogReader,
  shopper,
  blogIgnorer,
  buyer,
]
