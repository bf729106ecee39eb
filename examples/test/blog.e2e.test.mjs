// End to end in real Chromium: the blog loads the script-tag build with data-consent="required".
// Before a choice nothing is stored or sent; accepting delivers what was held; declining keeps
// the collector empty for that visitor.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { startCollector } from '../collector/server.mjs'
import { launchChromium } from '../shared/chromium.mjs'
import { startSite } from '../shared/site.mjs'
import { fillCheckout } from './checkoutForm.mjs'
import { startStorefront } from './storefrontSite.mjs'
import { tempDb } from './helpers.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const sdkDir = process.env.TOUCHTRAIL_SDK_DIR || join(repo, 'dist')
// linkDomains (SPEC §6) is built in parallel: its test runs once the SDK under test has it.
const hasLinker = readFileSync(join(sdkDir, 'index.d.ts'), 'utf8').includes('linkDomains')

let db
let collector
let blog
let shop
let browser
let context
let page

beforeAll(async () => {
  db = tempDb()
  collector = await startCollector({ dbPath: db.path })
  // As in the demo: the shop on 127.0.0.1, the blog reached as localhost, two hosts.
  shop = await startStorefront(collector.url, sdkDir)
  blog = await startSite({
    name: 'blog',
    root: join(repo, 'examples', 'blog'),
    urlHost: 'localhost',
    collectorUrl: collector.url,
    sdkDir,
    replacements: { SHOP_URL: shop.url, SHOP_HOST: shop.host },
  })
  shop.define({ BLOG_URL: blog.url, BLOG_HOST: blog.host })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await blog?.close()
  await shop?.close()
  await collector?.close()
  db?.remove()
})
beforeEach(async () => {
  context = await browser.newContext()
  page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
})
afterEach(() => context.close())

const visitors = async () => (await (await fetch(`${collector.url}/api/journeys`)).json()).visitors
const journeyOf = async (anonymousId) =>
  (await (await fetch(`${collector.url}/api/journeys/${encodeURIComponent(anonymousId)}`)).json())
    .touchpoints
// The page's own view of its storage: IndexedDB databases and web-storage keys.
const storage = () =>
  page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((db) => db.name),
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
  }))
const open = async (path) => {
  await page.goto(`${blog.url}${path}`, { referer: 'https://www.reddit.com/r/Coffee/' })
  // The async script has loaded once the stub is replaced by the tracker.
  await page.waitForFunction(() => typeof window.touchtrail?.flush === 'function')
}
const flush = () => page.evaluate(() => window.touchtrail.flush())
const collectorRequests = () =>
  page.evaluate(
    (url) =>
      performance.getEntriesByType('resource').filter((entry) => entry.name.startsWith(url)).length,
    collector.url,
  )

it('stores and sends nothing before a choice, and delivers what it held on accept', async () => {
  await open('/posts/grind-size.html')
  await page.fill('#newsletter input[name=email]', 'reader@example.com')
  await page.click('#newsletter button')

  const held = await flush()
  expect(held).toMatchObject({ sent: 0 })
  expect(held.pending).toBeGreaterThanOrEqual(2) // the page view and the form, in memory
  expect(await storage()).toEqual({ databases: [], local: [], session: [] })
  expect(await collectorRequests()).toBe(0)
  expect(await visitors()).toEqual([])
  expect(await page.locator('.tt-status [data-status=requests]').textContent()).toBe('0')

  const acceptedAt = Date.now()
  await page.getByRole('button', { name: 'Accept' }).click()
  await expect.poll(async () => (await flush(), (await visitors()).length)).toBe(1)
  const [visitor] = await visitors()
  const journey = await journeyOf(visitor.anonymousId)
  expect(journey.map((tp) => tp.type)).toEqual(['page_view', 'form_submit'])
  // Tracked before the grant, delivered with the time it happened.
  expect(journey.every((tp) => Date.parse(tp.ts) < acceptedAt)).toBe(true)
  expect(journey[0]).toMatchObject({
    channel: 'social',
    stage: 'awareness',
    page: { path: '/posts/grind-size.html' },
  })
  expect(journey[1].props).toMatchObject({ formId: 'newsletter', fields: ['email'] })
  expect(JSON.stringify(journey)).not.toContain('reader@example.com')
  expect((await storage()).databases.length).toBeGreaterThan(0)

  // The next page remembers the choice: no banner, and its page view is sent.
  await page.click('.more a >> nth=0')
  await page.waitForFunction(() => typeof window.touchtrail?.flush === 'function')
  expect(await page.locator('.consent').isHidden()).toBe(true)
  await expect
    .poll(async () => (await flush(), (await journeyOf(visitor.anonymousId)).length))
    .toBe(3)
})

it('sends nothing for a visitor who declines, on this page or the next', async () => {
  const earlier = (await visitors()).map((visitor) => visitor.anonymousId) // the other test's
  const newVisitors = async () => (await visitors()).filter((v) => !earlier.includes(v.anonymousId))
  await open('/')
  await page.getByRole('button', { name: 'Decline' }).click()
  await page.click('.posts a >> nth=0')
  await page.waitForFunction(() => typeof window.touchtrail?.flush === 'function')
  await page.fill('#newsletter input[name=email]', 'reader@example.com')
  await page.click('#newsletter button')
  expect(await flush()).toEqual({ sent: 0, failed: 0, pending: 0 })
  expect(await collectorRequests()).toBe(0)
  expect(await newVisitors()).toEqual([])
  const { databases, local } = await storage()
  expect(databases).toEqual([])
  // Only the two consent records: the blog's banner's, and touchtrail's identifier-free marker.
  expect(local.sort()).toEqual(['brewlog:consent', 'touchtrail:consent'])
  expect(await page.evaluate(() => localStorage.getItem('touchtrail:consent'))).toBe('denied')

  // "Privacy choices" brings the banner back; accepting now records from here on.
  await page.getByRole('link', { name: 'Privacy choices' }).click()
  await page.getByRole('button', { name: 'Accept' }).click()
  await page.reload()
  await page.waitForFunction(() => typeof window.touchtrail?.flush === 'function')
  await expect.poll(async () => (await flush(), (await newVisitors()).length)).toBe(1)
  const [visitor] = await newVisitors()
  expect((await journeyOf(visitor.anonymousId)).map((tp) => tp.type)).toEqual(['page_view'])
})

it('sends a thumbs answer about the view of the post it sits under', async () => {
  const earlier = (await visitors()).map((visitor) => visitor.anonymousId)
  await open('/posts/grind-size.html')
  await page.getByRole('button', { name: 'Accept' }).click()
  await page.getByRole('button', { name: /No/ }).click()
  await page.getByText('Thanks: we will make it clearer.').waitFor()
  const mine = async () => {
    await flush()
    const [visitor] = (await visitors()).filter((v) => !earlier.includes(v.anonymousId))
    return visitor ? journeyOf(visitor.anonymousId) : []
  }
  await expect
    .poll(async () => (await mine()).map((tp) => tp.type))
    .toEqual(['page_view', 'feedback'])
  const [view, answer] = await mine()
  expect(answer).toMatchObject({
    page: { path: '/posts/grind-size.html' },
    props: {
      scale: 'thumbs',
      score: 0,
      question: 'Was this helpful?',
      about: { type: 'page_view', touchpointId: view.id },
    },
  })
  // The brand's own links to the shop carry no campaign tags: they would start a new session.
  const hrefs = await page
    .locator(`a[href^="${shop.url}"]`)
    .evaluateAll((links) => links.map((link) => link.getAttribute('href')))
  expect(hrefs).toEqual([`${shop.url}/`, `${shop.url}/products/huila`])
})

it.skipIf(!hasLinker)(
  'carries a newsletter reader from the blog to the shop as one visitor, one session, email',
  async () => {
    const earlier = (await visitors()).map((visitor) => visitor.anonymousId)
    await page.goto(
      `${blog.url}/posts/cold-brew.html?utm_source=newsletter&utm_medium=email&utm_campaign=brew-log`,
    )
    await page.getByRole('button', { name: 'Accept' }).click()
    await page.getByRole('link', { name: 'House Espresso' }).click()
    await page.waitForURL(`${shop.url}/products/house-espresso`) // _tt left the address bar
    await page.getByRole('link', { name: 'Buy now' }).click()
    await fillCheckout(page, { name: 'Di Example', email: 'di@example.com' })
    await page.getByRole('button', { name: /^Pay/ }).click()
    await page.waitForURL('**/checkout/thank-you**')
    const mine = async () => {
      await page.evaluate(() => window.tracker.flush())
      return (await visitors()).filter((v) => !earlier.includes(v.anonymousId))
    }
    const types = async () =>
      (await Promise.all((await mine()).map((v) => journeyOf(v.anonymousId))))
        .flat()
        .map((tp) => tp.type)
    await expect.poll(types).toContain('purchase')
    const [visitor, ...others] = await mine()
    expect(others).toEqual([])
    const journey = await journeyOf(visitor.anonymousId)
    expect(new Set(journey.map((tp) => new URL(tp.page.url).host))).toEqual(
      new Set([new URL(blog.url).host, new URL(shop.url).host]),
    )
    expect(new Set(journey.map((tp) => tp.sessionId)).size).toBe(1)
    expect(journey.every((tp) => tp.channel === 'email')).toBe(true)
    expect(JSON.stringify(journey)).not.toContain('_tt')
  },
)
