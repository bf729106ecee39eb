// End to end in real Chromium: the storefront with the real SDK (dist/) posts to the real
// collector (a temporary DuckDB file); the journey API and the viewer show what happened.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startCollector } from '../collector/server.mjs'
import { launchChromium } from '../shared/chromium.mjs'
import { fillCheckout } from './checkoutForm.mjs'
import { startStorefront } from './storefrontSite.mjs'
import { tempDb } from './helpers.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const artifacts = join(repo, 'test', 'artifacts')
// The SDK under test: the repo's dist/ (npm run build), or another build's folder.
const sdkDir = process.env.TOUCHTRAIL_SDK_DIR || join(repo, 'dist')
const CAMPAIGN = '?utm_source=newsletter&utm_medium=email&utm_campaign=nov'

let db
let collector
let shop
let browser
let page

beforeAll(async () => {
  db = tempDb()
  collector = await startCollector({ dbPath: db.path })
  shop = await startStorefront(collector.url, sdkDir)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.on('pageerror', (error) => console.error('page error:', error.message))
})

afterAll(async () => {
  await browser?.close()
  await shop?.close()
  await collector?.close()
  db?.remove()
})

const getJson = async (path) => (await fetch(`${collector.url}${path}`)).json()
const flush = () => page.evaluate(() => window.tracker.flush())
const visitors = async () => (await getJson('/api/journeys')).visitors
const journeyOf = async (anonymousId) =>
  (await getJson(`/api/journeys/${encodeURIComponent(anonymousId)}`)).touchpoints ?? []
// What the collector has stored for the one visitor of this test, after asking the page to flush.
const stored = async () => {
  await flush()
  const [visitor] = await visitors()
  return visitor ? journeyOf(visitor.anonymousId) : []
}
const typesOf = (touchpoints) => touchpoints.map((tp) => tp.type)

it('records an email visit through to checkout, and the viewer maps it', async () => {
  await page.goto(`${shop.url}/${CAMPAIGN}`)
  await expect.poll(async () => typesOf(await stored())).toEqual(['page_view'])

  await page.getByRole('link', { name: 'Colombia Huila' }).click()
  await page.waitForURL('**/products/huila')

  await expect.poll(async () => typesOf(await stored())).toEqual(['page_view', 'page_view'])
  const review = page.locator('[data-tt-review="rev-huila-1"]')
  await review.scrollIntoViewIfNeeded()
  await expect
    .poll(
      async () =>
        (await stored()).filter((tp) => tp.type === 'review_read').map((tp) => tp.props.reviewId),
      { timeout: 10_000 },
    )
    .toContain('rev-huila-1')

  await page.getByRole('button', { name: 'Chat with us' }).click()
  await page.getByRole('link', { name: 'Buy now' }).click()
  await page.waitForURL('**/checkout?product=huila')
  // The card fields show what to type; the placeholders stay out of the touchpoints (below).
  expect(await page.getAttribute('input[name=card]', 'placeholder')).toBe('4242 4242 4242 4242')
  expect(await page.getAttribute('input[name=cvc]', 'placeholder')).toBe('123')
  await fillCheckout(page, { name: 'Ann Example', email: 'ann@example.com' })
  await page.getByRole('button', { name: /^Pay/ }).click()
  await page.waitForURL('**/checkout/thank-you**')

  const expected = [
    'page_view',
    'page_view',
    'review_read',
    'chat_open',
    'page_view',
    'form_submit',
    'identify',
    'page_view',
    'purchase',
  ]
  // Reviews that shared the screen with the first one are read too: count the reads as one step.
  const steps = (touchpoints) =>
    typesOf(touchpoints).filter(
      (type, i, all) => type !== 'review_read' || all[i - 1] !== 'review_read',
    )
  await expect.poll(async () => steps(await stored()), { timeout: 10_000 }).toEqual(expected)

  const journey = await stored()
  const [visitor] = await visitors()
  const at = (type, n = 0) => journey.filter((tp) => tp.type === type)[n]
  expect(journey.every((tp) => tp.channel === 'email')).toBe(true)
  expect(new Set(journey.map((tp) => tp.sessionId)).size).toBe(1)
  expect(journey.map((tp) => Date.parse(tp.ts))).toEqual(
    journey.map((tp) => Date.parse(tp.ts)).sort((a, b) => a - b),
  )
  expect(at('page_view', 0)).toMatchObject({ stage: 'awareness', page: { path: '/' } })
  expect(at('page_view', 0).context.campaign).toMatchObject({
    source: 'newsletter',
    medium: 'email',
    name: 'nov',
  })
  expect(at('page_view', 1)).toMatchObject({
    stage: 'consideration',
    page: { path: '/products/huila' },
    props: { path: '/products/huila', title: 'Colombia Huila — Northwind Roasters' },
  })
  expect(at('review_read')).toMatchObject({
    stage: 'consideration',
    props: { reviewId: 'rev-huila-1', productId: 'huila', rating: 5 },
  })
  expect(at('review_read').props.dwellMs).toBeGreaterThanOrEqual(2_500)
  expect(at('chat_open')).toMatchObject({
    stage: 'consideration',
    props: { provider: 'northwind-chat', trigger: 'click' },
  })
  expect(at('page_view', 2)).toMatchObject({ stage: 'purchase', page: { path: '/checkout' } })
  expect(at('form_submit')).toMatchObject({
    stage: 'purchase',
    props: { formId: 'checkout', fields: ['name', 'email', 'card', 'expiry', 'cvc', 'product'] },
  })
  expect(at('identify')).toMatchObject({
    stage: 'purchase',
    userId: expect.stringMatching(/^cus_/),
  })
  expect(at('page_view', 3)).toMatchObject({
    stage: 'purchase',
    page: { path: '/checkout/thank-you' },
    userId: at('identify').userId,
  })
  expect(at('purchase')).toMatchObject({
    stage: 'purchase',
    page: { path: '/checkout/thank-you' },
    props: { orderId: expect.stringMatching(/^NR-\d{5}$/), value: 14, currency: 'EUR' },
  })
  expect(at('page_view', 0).userId).toBeNull()
  // The form's values went to the shop's own order API, never to touchtrail.
  const raw = JSON.stringify(journey)
  expect(raw).not.toContain('ann@example.com')
  expect(raw).not.toContain('4242')
  expect(visitor).toMatchObject({
    firstChannel: 'email',
    touchpoints: journey.length,
    sessions: 1,
    stages: ['awareness', 'consideration', 'purchase'],
  })

  // The viewer draws the same journey.
  await page.goto(`${collector.url}/journey/#${encodeURIComponent(visitor.anonymousId)}`)
  await page.waitForSelector('body[data-loaded] #timeline .tp')
  const markers = await page.locator('#timeline .tp').evaluateAll((nodes) =>
    nodes.map((node) => ({
      id: node.dataset.id,
      type: node.dataset.type,
      stage: node.dataset.stage,
      channel: node.dataset.channel,
    })),
  )
  expect(markers).toEqual(
    journey.map((tp) => ({
      id: tp.id,
      type: tp.type,
      stage: tp.stage ?? 'unstaged',
      channel: 'email',
    })),
  )
  expect(await page.locator('#details tbody tr').count()).toBe(journey.length)
  expect(
    await page.locator('#visitor-list [aria-selected=true]').getAttribute('data-visitor'),
  ).toBe(visitor.anonymousId)
  const funnel = await page
    .locator('#funnel-chart .stage')
    .evaluateAll((nodes) =>
      nodes.map((node) => [node.dataset.stage, Number(node.dataset.visitors)]),
    )
  expect(funnel).toEqual([
    ['awareness', 1],
    ['consideration', 1],
    ['purchase', 1],
    ['retention', 0],
    ['advocacy', 0],
  ])
  expect(
    await page.locator('#matrix-table td[data-channel=email][data-type=chat_open]').textContent(),
  ).toBe('1')

  mkdirSync(artifacts, { recursive: true })
  await page.screenshot({ path: join(artifacts, 'journey.png') })
})

// Each test below is a visitor of their own (a fresh context): their journey is the one new
// visitor the collector has after it.
const newVisitorJourney = async (context, known) => {
  await context.pages()[0].evaluate(() => window.tracker.flush())
  const fresh = (await visitors()).filter((v) => !known.includes(v.anonymousId))
  return fresh.length === 1 ? journeyOf(fresh[0].anonymousId) : []
}
const freshVisitor = async () => {
  const known = (await visitors()).map((v) => v.anonymousId)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const visitorPage = await context.newPage()
  visitorPage.on('pageerror', (error) => console.error('page error:', error.message))
  return { context, page: visitorPage, journey: () => newVisitorJourney(context, known) }
}
const ofType = (journey, type) => journey.filter((tp) => tp.type === type)

it('links each survey answer to what it rates: the chat, and the purchase; rage at the slow Pay', async () => {
  const visitor = await freshVisitor()
  const { page } = visitor
  await page.goto(`${shop.url}/products/yirgacheffe`)
  await page.getByRole('button', { name: 'Chat with us' }).click()
  await page.getByRole('button', { name: 'Close chat' }).click()
  await page.locator('.chat-rating [data-tt-score="2"]').click()
  await page.locator('.chat-rating .thanks').waitFor()

  await page.getByRole('link', { name: 'Buy now' }).click()
  await page.waitForURL('**/checkout?product=yirgacheffe')
  await fillCheckout(page, { name: 'Bo Example', email: 'bo@example.com' })
  // The provider takes 1.5 s and the button shows nothing: four clicks in a burst.
  await page.click('#pay', { clickCount: 4 })
  await page.waitForURL('**/checkout/thank-you**')
  await page.locator('.survey[data-tt-feedback=csat] [data-tt-score="4"]').click()
  await page.locator('.survey[data-tt-feedback=nps] [data-tt-score="9"]').click()

  await expect
    .poll(async () => ofType(await visitor.journey(), 'feedback').length, { timeout: 10_000 })
    .toBe(3)
  const journey = await visitor.journey()
  const [chat] = ofType(journey, 'chat_open')
  const [purchase] = ofType(journey, 'purchase')
  const [aboutChat, aboutOrder, nps] = ofType(journey, 'feedback')
  expect(aboutChat.props).toEqual({
    scale: 'csat',
    score: 2,
    question: 'How was your chat?',
    about: { type: 'chat_open', touchpointId: chat.id },
  })
  expect(purchase.props).toMatchObject({ value: 16, currency: 'EUR' })
  expect(aboutOrder).toMatchObject({
    stage: 'retention',
    page: { path: '/checkout/thank-you' },
    props: {
      scale: 'csat',
      score: 4,
      question: 'How was your order?',
      about: { type: 'purchase', touchpointId: purchase.id },
    },
  })
  expect(nps.props).toMatchObject({
    scale: 'nps',
    score: 9,
    about: { type: 'purchase', touchpointId: purchase.id },
  })
  // The burst is one rage click on the Pay button, and still one order.
  expect(ofType(journey, 'rage_click')).toMatchObject([
    { stage: 'purchase', props: { target: expect.stringMatching(/button#pay\.button$/) } },
  ])
  expect(ofType(journey, 'rage_click')[0].props.clicks).toBeGreaterThanOrEqual(3)
  expect(ofType(journey, 'form_submit')).toHaveLength(1)
  expect(ofType(journey, 'purchase')).toHaveLength(1)
  await visitor.context.close()
})

it('records an abandoned checkout with field names only; no card digit reaches the collector', async () => {
  const visitor = await freshVisitor()
  const { page } = visitor
  const bodies = []
  page.on('request', (request) => {
    if (request.url().startsWith(collector.url)) bodies.push(request.postData() ?? '')
  })
  // The header's currency switch is no field of the form: it is not among the changed fields.
  await page.goto(`${shop.url}/checkout?product=pour-over-kit`)
  await page.selectOption('#currency', 'GBP')
  await page.fill('input[name=name]', 'Cy Example')
  await page.fill('input[name=card]', '5555 6666 7777 8888')
  await page.getByRole('link', { name: 'Shop' }).first().click()
  await page.waitForURL(`${shop.url}/`)

  await expect
    .poll(async () => ofType(await visitor.journey(), 'form_abandon').length, { timeout: 10_000 })
    .toBe(1)
  const journey = await visitor.journey()
  expect(ofType(journey, 'form_abandon')[0]).toMatchObject({
    stage: 'purchase',
    page: { path: '/checkout' },
    props: { formId: 'checkout', fields: ['name', 'card'], lastField: 'card' },
  })
  expect(ofType(journey, 'form_submit')).toEqual([])
  // Not in any stored touchpoint of any visitor of this file, nor in any request that was sent.
  const everything = await Promise.all((await visitors()).map((v) => journeyOf(v.anonymousId)))
  for (const text of [JSON.stringify(everything), ...bodies]) {
    expect(text).not.toMatch(/5555|6666|7777|8888|4242/)
    expect(text).not.toContain('Cy Example')
  }
  expect(bodies.length).toBeGreaterThan(0)
  await visitor.context.close()
})
