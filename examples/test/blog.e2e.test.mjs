// End to end in real Chromium: the blog loads the script-tag build with data-consent="required".
// Before a choice nothing is stored or sent; accepting delivers what was held; declining keeps
// the collector empty for that visitor.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { startCollector } from '../collector/server.mjs'
import { launchChromium } from '../shared/chromium.mjs'
import { startSite } from '../shared/site.mjs'
import { tempDb } from './helpers.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const sdkDir = process.env.TOUCHTRAIL_SDK_DIR || join(repo, 'dist')

let db
let collector
let blog
let browser
let context
let page

beforeAll(async () => {
  db = tempDb()
  collector = await startCollector({ dbPath: db.path })
  blog = await startSite({
    name: 'blog',
    root: join(repo, 'examples', 'blog'),
    collectorUrl: collector.url,
    sdkDir,
    replacements: { SHOP_URL: 'http://127.0.0.1:9', SHOP_HOST: '127.0.0.1' },
  })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await blog?.close()
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
    .locator('a[href^="http://127.0.0.1:9"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href')))
  expect(hrefs).toEqual(['http://127.0.0.1:9/', 'http://127.0.0.1:9/products/huila'])
})
