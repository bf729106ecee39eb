// Touchpoints for the journey-map tests: one customer on two devices and two sites (a phone on
// the blog, a laptop on the shop), with answers, friction and a purchase, and one anonymous
// visitor who abandoned a form.
import { touchpoint } from './helpers.mjs'

const at = (minutes) => new Date(Date.UTC(2026, 10, 23, 9, 0) + minutes * 60_000).toISOString()
const page = (host, path, title) => ({
  page: { url: `https://${host}${path}`, path, title, referrer: '' },
})

const phone = { anonymousId: 'ada-phone', context: { locale: 'en-GB', screen: '390x844' } }
const laptop = { anonymousId: 'ada-laptop', context: { locale: 'en-GB', screen: '1440x900' } }
// A session's touchpoints share their device, session and channel.
const phoneVisit = { ...phone, sessionId: 's-phone-1', channel: 'social' }
const laptopVisit = { ...laptop, sessionId: 's-laptop-1', channel: 'email' }
const bobVisit = { anonymousId: 'bob', sessionId: 's-bob', channel: 'paid_search' }

/** The seeded touchpoints, with the ids the tests look for. */
export const seed = () => {
  const post = touchpoint({
    ...phoneVisit,
    id: 'tp-post',
    ts: at(0),
    ...page('blog.example', '/posts/boots', 'Which boots?'),
  })
  const thumbs = touchpoint({
    ...phoneVisit,
    id: 'tp-thumbs',
    ts: at(1),
    type: 'feedback',
    stage: 'awareness',
    ...page('blog.example', '/posts/boots', 'Which boots?'),
    props: { scale: 'thumbs', score: 1, about: { type: 'page_view', touchpointId: 'tp-post' } },
  })
  const shop = touchpoint({
    ...laptopVisit,
    id: 'tp-shop',
    ts: at(60),
    stage: 'consideration',
    ...page('shop.example', '/p/boots', 'Boots'),
  })
  const chat = touchpoint({
    ...laptopVisit,
    id: 'tp-chat',
    ts: at(61),
    type: 'chat_open',
    stage: 'consideration',
    ...page('shop.example', '/p/boots', 'Boots'),
    props: { provider: 'crisp', widget: 'crisp', trigger: 'click' },
  })
  const csat = touchpoint({
    ...laptopVisit,
    id: 'tp-csat',
    ts: at(63),
    type: 'feedback',
    stage: 'consideration',
    ...page('shop.example', '/p/boots', 'Boots'),
    props: {
      scale: 'csat',
      score: 2,
      question: 'How was the chat?',
      about: { type: 'chat_open', touchpointId: 'tp-chat' },
    },
  })
  const abandon = touchpoint({
    ...laptopVisit,
    id: 'tp-abandon',
    ts: at(65),
    type: 'form_abandon',
    stage: 'purchase',
    ...page('shop.example', '/checkout', 'Checkout'),
    props: { formId: 'checkout', fields: ['email', 'card'], lastField: 'card', dwellMs: 42_000 },
  })
  const identify = touchpoint({
    ...laptopVisit,
    id: 'tp-identify',
    ts: at(66),
    userId: 'ada',
    type: 'identify',
    stage: null,
    ...page('shop.example', '/checkout', 'Checkout'),
    props: { traits: { plan: 'gold' } },
  })
  const rage = touchpoint({
    ...laptopVisit,
    id: 'tp-rage',
    ts: at(67),
    userId: 'ada',
    type: 'rage_click',
    stage: 'purchase',
    ...page('shop.example', '/checkout', 'Checkout'),
    props: { target: 'main > form#pay > button.primary', clicks: 5 },
  })
  const purchase = touchpoint({
    ...laptopVisit,
    id: 'tp-purchase',
    ts: at(68),
    userId: 'ada',
    type: 'purchase',
    stage: 'purchase',
    ...page('shop.example', '/thanks', 'Thanks'),
    props: { orderId: 'o-1', value: 120, currency: 'EUR' },
  })
  const nps = touchpoint({
    ...laptopVisit,
    id: 'tp-nps',
    ts: at(69),
    userId: 'ada',
    type: 'feedback',
    stage: 'retention',
    ...page('shop.example', '/thanks', 'Thanks'),
    props: { scale: 'nps', score: 9, about: { type: 'purchase', touchpointId: 'tp-purchase' } },
  })
  const back = touchpoint({
    ...phone,
    id: 'tp-back',
    ts: at(24 * 60),
    sessionId: 's-phone-2',
    channel: 'direct',
    userId: 'ada',
    stage: 'retention',
    ...page('blog.example', '/posts/care', 'Boot care'),
  })
  const bob = touchpoint({
    ...bobVisit,
    id: 'tp-bob',
    ts: at(30),
    ...page('shop.example', '/checkout', 'Checkout'),
  })
  const bobAbandon = touchpoint({
    ...bobVisit,
    id: 'tp-bob-abandon',
    ts: at(31),
    type: 'form_abandon',
    stage: 'purchase',
    ...page('shop.example', '/checkout', 'Checkout'),
    props: { formId: 'checkout', fields: ['email'], lastField: 'email', dwellMs: 9_000 },
  })
  return [
    post,
    thumbs,
    shop,
    chat,
    csat,
    abandon,
    identify,
    rage,
    purchase,
    nps,
    back,
    bob,
    bobAbandon,
  ]
}
