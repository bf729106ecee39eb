// The storefront: a small single-page shop with client-side routing, using touchtrail's npm
// (ESM) entry. touchtrail records it through its captures (the four defaults, and the shop's
// surveys, abandoned forms and rage clicks), plus identify() with the customer id the order and
// login API return, and a typed purchase at each order.
import {
  createTracker,
  capturePageViews,
  captureFormSubmits,
  captureChatOpens,
  captureReviewReads,
  captureFeedback,
  captureFormAbandons,
  captureRageClicks,
} from '/sdk/index.js'
import { PRODUCTS, productBySlug, reviewsOf } from './catalog.js'
import { amountOf, chooseCurrency, currency, CURRENCIES, price } from './money.js'
import { listOrders, logIn, placeOrder } from './orders.js'
import { surveyHtml, thankOnAnswer } from './surveys.js'

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? ''
// How long a route change takes to settle into a page_view (touchtrail's default, named here
// because the purchase waits for the confirmation page's view; see the checkout).
const VIEW_SETTLE_MS = 100
// The payment provider's answer: the Pay button shows nothing for this long, the shop's
// deliberate weak link (impatient visitors click it again and again).
const PAY_DELAY_MS = 1_500

const tracker = createTracker({
  collector: meta('touchtrail-collector'),
  consent: 'granted',
  capture: [
    capturePageViews({ settleMs: VIEW_SETTLE_MS }),
    captureFormSubmits(),
    captureChatOpens(),
    captureReviewReads(),
    captureFeedback(),
    captureFormAbandons(),
    captureRageClicks(),
  ],
  // The blog is the brand's other site: a visitor who follows a link there stays one visitor.
  // Unfilled placeholders (a test that serves the shop alone) name no host.
  linkDomains: meta('touchtrail-link-domains')
    .split(',')
    .filter((host) => host && !host.includes('%')),
  // Our own rule before the defaults: the customer becoming known at checkout is part of buying.
  stages: [{ type: 'identify', path: '/checkout*', stage: 'purchase' }],
  debug: true,
})
// For the console, and for the demo's simulated visitors to flush before they leave.
window.tracker = tracker

const app = document.querySelector('#app')
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const stars = (rating) => '★'.repeat(rating) + '☆'.repeat(5 - rating)
const art = (product, size) => `
  <svg class="art" viewBox="0 0 120 120" width="${size}" height="${size}" aria-hidden="true">
    <rect width="120" height="120" rx="14" fill="${product.color}" opacity=".12"/>
    <path d="M38 34h44l-6 58H44z" fill="${product.color}"/>
    <rect x="34" y="26" width="52" height="10" rx="3" fill="${product.color}" opacity=".7"/>
    <circle cx="60" cy="62" r="11" fill="#fff" opacity=".85"/>
  </svg>`

// ---- views: each returns [title, html, after?] ----------------------------------------------

const home = () => [
  'Northwind Roasters — small-batch coffee',
  `
  <section class="hero">
    <h1>Small-batch coffee, roasted on Mondays</h1>
    <p>Shipped the day after roasting. Free delivery over ${price(30)}.</p>
  </section>
  <ul class="grid">
    ${PRODUCTS.map(
      (product) => `
      <li class="card">
        <a href="/products/${product.slug}">${art(product, 120)}<h2>${escape(product.name)}</h2></a>
        <p>${escape(product.blurb)}</p>
        <p class="price">${price(product.price)}</p>
      </li>`,
    ).join('')}
  </ul>`,
]

const productPage = (slug) => {
  const product = productBySlug(slug)
  if (!product) return notFound()
  const reviews = reviewsOf(slug)
  const average = reviews.reduce((sum, review) => sum + review.rating, 0) / reviews.length
  return [
    `${product.name} — Northwind Roasters`,
    `
    <article class="product">
      ${art(product, 240)}
      <div>
        <p class="crumbs"><a href="/">Shop</a> / ${escape(product.name)}</p>
        <h1>${escape(product.name)}</h1>
        <p class="rating" title="${average.toFixed(1)} out of 5">${stars(Math.round(average))}
          <a href="#reviews">${reviews.length} reviews</a></p>
        <p>${escape(product.blurb)}</p>
        <p>${escape(product.detail)}</p>
        <p class="price">${price(product.price)}</p>
        <a class="button" href="/checkout?product=${product.slug}">Buy now</a>
      </div>
    </article>
    <section class="facts">
      ${product.facts.map(([name, value]) => `<div><h3>${name}</h3><p>${escape(value)}</p></div>`).join('')}
    </section>
    <section class="promise">
      <h2>Roasted on Monday, at your door by Thursday</h2>
      <p>Every bag carries its roast date. Free delivery over ${price(30)}, and if a coffee is not for you,
        tell us within 30 days and we will send another one.</p>
    </section>
    <section id="reviews" class="reviews">
      <h2>What customers say</h2>
      ${reviews
        .map(
          (review) => `
        <article class="review" data-tt-review="${review.id}" data-tt-product="${product.slug}"
          data-tt-rating="${review.rating}">
          <p class="stars" aria-label="${review.rating} out of 5">${stars(review.rating)}</p>
          <blockquote>${escape(review.text)}</blockquote>
          <p class="author">— ${escape(review.author)}</p>
        </article>`,
        )
        .join('')}
    </section>`,
  ]
}

const checkout = (params) => {
  const product = productBySlug(params.get('product')) ?? PRODUCTS[0]
  return [
    'Checkout — Northwind Roasters',
    `
    <h1>Checkout</h1>
    <div class="checkout">
      <form id="checkout" action="/checkout" method="post" class="form">
        <label>Name <input name="name" autocomplete="name" required></label>
        <label>Email <input name="email" type="email" autocomplete="email" required></label>
        <label>Card number <input name="card" inputmode="numeric" autocomplete="cc-number"
          placeholder="4242 4242 4242 4242" pattern="[0-9 ]{12,23}" required></label>
        <div class="row">
          <label>Expiry <input name="expiry" autocomplete="cc-exp" placeholder="MM/YY" required></label>
          <label>CVC <input name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123"
            required></label>
        </div>
        <input type="hidden" name="product" value="${product.slug}">
        <button class="button pay" id="pay" type="button">Pay ${price(product.price)}</button>
      </form>
      <aside class="summary">${art(product, 96)}<p>${escape(product.name)}</p>
        <p class="price">${price(product.price)}</p></aside>
    </div>`,
    () => {
      const form = document.querySelector('#checkout')
      const pay = form.querySelector('#pay')
      let paying = false
      // The weak link: the provider is slow and the button shows nothing until it answers, so
      // a click seems lost. Clicks while it thinks are ignored (one order), not acknowledged.
      pay.addEventListener('click', () => {
        if (paying || !form.reportValidity()) return
        paying = true
        setTimeout(() => form.isConnected && form.requestSubmit(), PAY_DELAY_MS)
      })
      form.addEventListener('submit', async (event) => {
        event.preventDefault() // a single-page app: touchtrail's capture phase has already seen it
        pay.disabled = true
        pay.textContent = 'Paying…'
        const order = {
          product: product.slug,
          value: amountOf(product.price),
          currency: currency(),
        }
        const { orderId, customerId } = await placeOrder({
          ...order,
          email: form.elements.email.value,
        })
        tracker.identify(customerId, { orders: (await listOrders()).length })
        navigate(`/checkout/thank-you?order=${orderId}&product=${product.slug}`)
        // After the confirmation's page_view has settled (a timer of the same delay, set later,
        // runs later), so the purchase is on that view; its surveys appear with it and rate it.
        setTimeout(() => {
          tracker.track('purchase', { orderId, value: order.value, currency: order.currency })
          showOrderSurveys()
        }, VIEW_SETTLE_MS)
      })
    },
  ]
}

// "How was your order?" and the NPS question, on the order's confirmation.
const showOrderSurveys = () =>
  document.querySelector('#order-surveys')?.replaceChildren(
    document.createRange().createContextualFragment(
      surveyHtml({
        scale: 'csat',
        about: 'purchase',
        question: 'How was your order?',
        low: 1,
        high: 5,
        labels: ['Poor', 'Great'],
      }) +
        surveyHtml({
          scale: 'nps',
          about: 'purchase',
          question: 'How likely are you to recommend Northwind Roasters to a friend?',
          low: 0,
          high: 10,
          labels: ['Not at all likely', 'Extremely likely'],
          className: 'nps',
        }),
    ),
  )

const thankYou = (params) => [
  'Thank you — Northwind Roasters',
  `
  <section class="done">
    <h1>Thank you!</h1>
    <p>Order <strong>${escape(params.get('order') ?? '')}</strong> is confirmed. We roast on Monday.</p>
    <div id="order-surveys"></div>
    <p><a class="button" href="/reviews/new?product=${escape(params.get('product') ?? '')}">Review what you bought</a>
      <a href="/account/orders">See your orders</a></p>
  </section>`,
]

const orders = () => [
  'Your orders — Northwind Roasters',
  `
  <h1>Your orders</h1>
  <p class="note">Orders placed in this browser.</p>
  <ul id="orders" class="orders"><li>Loading…</li></ul>`,
  async () => {
    const list = await listOrders()
    document.querySelector('#orders').innerHTML =
      list.length === 0
        ? '<li>No orders yet.</li>'
        : list
            .map(
              (order) => `<li><strong>${escape(order.orderId)}</strong>
        ${escape(productBySlug(order.product)?.name ?? order.product)}
        · ${new Date(order.at).toLocaleDateString()}
        ${order.value === undefined ? '' : `· ${new Intl.NumberFormat('en-GB', { style: 'currency', currency: order.currency }).format(order.value)}`}
        · <a href="/reviews/new?product=${escape(order.product)}">review it</a></li>`,
            )
            .join('')
  },
]

const login = () => [
  'Log in — Northwind Roasters',
  `
  <h1>Log in</h1>
  <form id="login" action="/account/login" method="post" class="form">
    <label>Email <input name="email" type="email" autocomplete="email" required></label>
    <label>Password <input name="password" type="password" autocomplete="current-password"
      required></label>
    <button class="button" type="submit">Log in</button>
  </form>`,
  () => {
    const form = document.querySelector('#login')
    form.addEventListener('submit', async (event) => {
      event.preventDefault()
      // The same customer id as at checkout, on any device: their journeys join into one.
      tracker.identify(await logIn(form.elements.email.value))
      navigate('/account/orders')
    })
  },
]

const reviewForm = (params) => {
  const product = productBySlug(params.get('product')) ?? PRODUCTS[0]
  return [
    `Review ${product.name} — Northwind Roasters`,
    `
    <h1>Review ${escape(product.name)}</h1>
    <form id="review" action="/reviews" method="post" class="form">
      <label>Rating <select name="rating">${[5, 4, 3, 2, 1].map((n) => `<option>${n}</option>`).join('')}</select></label>
      <label>Your review <textarea name="text" rows="4" required></textarea></label>
      <button class="button" type="submit">Publish review</button>
    </form>`,
    () => {
      document.querySelector('#review').addEventListener('submit', (event) => {
        event.preventDefault()
        app.innerHTML =
          '<section class="done"><h1>Thanks for your review!</h1><p><a href="/">Back to the shop</a></p></section>'
      })
    },
  ]
}

const notFound = () => [
  'Not found — Northwind Roasters',
  '<h1>Not found</h1><p><a href="/">Back to the shop</a></p>',
]

// ---- routing ---------------------------------------------------------------------------------

const route = () => {
  const { pathname, searchParams } = new URL(location.href)
  if (pathname === '/') return home()
  if (pathname.startsWith('/products/')) return productPage(decodeURIComponent(pathname.slice(10)))
  if (pathname === '/checkout') return checkout(searchParams)
  if (pathname === '/checkout/thank-you') return thankYou(searchParams)
  if (pathname === '/account/orders') return orders()
  if (pathname === '/account/login') return login()
  if (pathname === '/reviews/new') return reviewForm(searchParams)
  return notFound()
}

const render = () => {
  const [title, html, after] = route()
  app.innerHTML = html
  // As routers do: the title changes after pushState (touchtrail waits for it).
  document.title = title
  after?.()
  if (!location.hash) scrollTo(0, 0)
}

const navigate = (href) => {
  history.pushState(null, '', href)
  render()
}

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null
  if (
    !link ||
    link.origin !== location.origin ||
    event.metaKey ||
    event.ctrlKey ||
    event.button !== 0
  )
    return
  if (link.pathname === location.pathname && link.search === location.search && link.hash) return
  event.preventDefault()
  navigate(link.pathname + link.search + link.hash)
})
addEventListener('popstate', render)

// The chat widget: a button marked data-tt-chat, so opening it is a chat_open touchpoint.
const chat = document.querySelector('#chat')
const chatButton = document.querySelector('.chat-button')
let chatted = false // opened since the last "How was your chat?"
const toggleChat = (open) => {
  chat.hidden = !open
  chatButton.setAttribute('aria-expanded', String(open))
  if (open) chat.querySelector('input').focus()
  if (open) chatted = true
  else if (chatted) askAboutChat()
}
// After the chat closes: rate it. A new element each time, so each chat gets its own answer.
const askAboutChat = () => {
  chatted = false
  document.querySelector('.chat-rating')?.remove()
  document.body.insertAdjacentHTML(
    'beforeend',
    `<aside class="chat-rating" aria-label="Rate your chat">
      <button type="button" class="dismiss" aria-label="No thanks">×</button>
      ${surveyHtml({ scale: 'csat', about: 'chat_open', question: 'How was your chat?', low: 1, high: 5, labels: ['Poor', 'Great'] })}
    </aside>`,
  )
  const rating = document.querySelector('.chat-rating')
  thankOnAnswer(rating)
  rating.querySelector('.dismiss').addEventListener('click', () => rating.remove())
}
chatButton.addEventListener('click', () => toggleChat(chat.hidden))
thankOnAnswer(app)
// The locale switch: prices, the Pay button and the purchase follow the visitor's currency.
const currencySelect = document.querySelector('#currency')
currencySelect.innerHTML = Object.keys(CURRENCIES)
  .map((code) => `<option${code === currency() ? ' selected' : ''}>${code}</option>`)
  .join('')
currencySelect.addEventListener('change', () => {
  chooseCurrency(currencySelect.value)
  render()
})
chat.querySelector('.chat-close').addEventListener('click', () => toggleChat(false))
chat.querySelector('form').addEventListener('submit', (event) => {
  event.preventDefault()
  const input = event.target.elements.message
  if (!input.value.trim()) return
  chat
    .querySelector('form')
    .insertAdjacentHTML(
      'beforebegin',
      `<p class="me">${escape(input.value)}</p>` +
        '<p class="agent">Thanks! Lan will be right with you.</p>',
    )
  input.value = ''
})

render()
