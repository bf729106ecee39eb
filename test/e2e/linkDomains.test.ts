// SPEC §6 in real Chromium: a brand's two sites on two origins (127.0.0.1 the blog, localhost the
// shop, both served by the test collector), the script tag with data-link-domains on each.
import type { Page, Request } from 'playwright'
import { expect, it } from 'vitest'
import { createInbox, type Inbox } from '../support/inbox'
import type { Touchpoint } from '../../src/types'
import { openPage, sdkLoaded, useChromium } from '../support/chromium'

type PageTracker = {
  track(type: string, props?: unknown): string | undefined
  consent(decision: string): void
  flush(): Promise<unknown>
}
declare const touchtrail: PageTracker

const env = useChromium()

/** The link page on `host`, linking to `out`, with more query parameters. */
const site = (host: string, inbox: Inbox, query: Record<string, string>) => {
  const url = new URL(env.collector.url.replace('127.0.0.1', host))
  url.pathname = '/static/link.html'
  url.search = new URLSearchParams({ collector: inbox.url, ...query }).toString()
  return url.href
}
const blog = (inbox: Inbox, query: Record<string, string> = {}) => site('127.0.0.1', inbox, query)
const shop = (inbox: Inbox, query: Record<string, string> = {}) => site('localhost', inbox, query)

/** Every URL a touchpoint stored: the page, its referrer, a page_view's referrer. */
const storedUrls = (touchpoints: Touchpoint[]) =>
  touchpoints.flatMap(({ page, props }) => [
    page.url,
    page.referrer,
    String((props as { referrer?: string }).referrer ?? ''),
  ])

/** Waits until the decoration chunk has been fetched (it is attached as it runs). */
const linkChunkLoaded = (page: Page) =>
  page.waitForFunction(() =>
    performance.getEntriesByType('resource').some(({ name }) => name.includes('touchtrail.link')),
  )

/** The next document request of the context to `host` (a page followed, or a new tab). */
const nextDocument = (page: Page, host: string): Promise<Request> =>
  page
    .context()
    .waitForEvent('request', (r) => r.isNavigationRequest() && new URL(r.url()).hostname === host)

it('follows one visitor from an email campaign on the blog to a purchase on the shop', async () => {
  const inbox = createInbox(env.collector.url)
  const { page, pageErrors } = await openPage(env.context)
  const shopUrl = shop(inbox, { consent: 'granted', keep: 'a b', out: blog(inbox) })
  const landing = { consent: 'granted', utm_source: 'newsletter', utm_medium: 'email' }
  await page.goto(blog(inbox, { ...landing, out: shopUrl }))
  await sdkLoaded(page)
  await linkChunkLoaded(page)
  // The blog's first touchpoint started the email session.
  await expect.poll(async () => (await inbox.touchpoints()).length, { timeout: 15_000 }).toBe(1)

  const followed = nextDocument(page, 'localhost')
  await page.click('#out')
  const request = await followed
  expect(new URL(request.url()).searchParams.get('_tt')).toMatch(/\.email\.\d+$/)
  await page.waitForURL((url) => url.hostname === 'localhost')
  await sdkLoaded(page)
  await page.evaluate(() => {
    touchtrail.track('purchase', { orderId: 'o-1', value: 42, currency: 'EUR' })
    return touchtrail.flush()
  })

  await expect
    .poll(async () => (await inbox.touchpoints()).map(({ type }) => type).sort(), {
      timeout: 15_000,
    })
    .toEqual(['page_view', 'page_view', 'purchase'])
  const touchpoints = await inbox.touchpoints()
  expect(new Set(touchpoints.map(({ page }) => new URL(page.url).hostname))).toEqual(
    new Set(['127.0.0.1', 'localhost']),
  )
  expect(new Set(touchpoints.map(({ anonymousId }) => anonymousId)).size).toBe(1)
  expect(new Set(touchpoints.map(({ sessionId }) => sessionId)).size).toBe(1)
  expect(touchpoints.map(({ channel }) => channel)).toEqual(['email', 'email', 'email'])
  // Gone from the address bar (the rest kept as written) and from every stored URL.
  expect(page.url()).toBe(shopUrl)
  expect(storedUrls(touchpoints).filter((url) => url.includes('_tt'))).toEqual([])
  expect(pageErrors).toEqual([])
})

it.each([
  ['stale', (ids: string) => `${ids}.email.${Math.floor(Date.now() / 1000) - 200}`],
  ['malformed', () => 'not-a-link'],
])('ignores and removes a %s _tt', async (_, value) => {
  const inbox = createInbox(env.collector.url)
  const { page } = await openPage(env.context)
  const ids = `${crypto.randomUUID()}.${crypto.randomUUID()}`
  const url = shop(inbox, { consent: 'granted', keep: '1' })
  // A referrer from the linked blog: no channel of its own, so direct.
  await page.goto(`${url}&_tt=${value(ids)}#top`, { referer: blog(inbox) })
  await sdkLoaded(page)
  expect(page.url()).toBe(`${url}#top`)
  await expect.poll(async () => (await inbox.touchpoints()).length, { timeout: 15_000 }).toBe(1)
  const [touchpoint] = await inbox.touchpoints()
  expect(ids).not.toContain(touchpoint!.anonymousId)
  expect(touchpoint!.channel).toBe('direct')
  expect(storedUrls([touchpoint!]).filter((stored) => stored.includes('_tt'))).toEqual([])
})

it('decorates no link before consent, and a link followed by Enter once granted', async () => {
  const inbox = createInbox(env.collector.url)
  const { page } = await openPage(env.context)
  await page.goto(blog(inbox, { consent: 'required', out: shop(inbox, { consent: 'required' }) }))
  const ttOf = async (follow: () => Promise<unknown>) => {
    await sdkLoaded(page)
    await linkChunkLoaded(page)
    const request = nextDocument(page, 'localhost')
    await follow()
    return new URL((await request).url()).searchParams.get('_tt')
  }
  expect(await ttOf(() => page.click('#out'))).toBeNull()
  await page.goBack()
  // Back on the blog, still pending: the visitor accepts, then follows the link from the keyboard.
  const enter = async () => {
    await page.evaluate(() => touchtrail.consent('granted'))
    await page.focus('#out')
    await page.keyboard.press('Enter')
  }
  expect(await ttOf(enter)).toMatch(/\.direct\.\d+$/)
})

it("never decorates a link to the page's own origin", async () => {
  const inbox = createInbox(env.collector.url)
  const { page } = await openPage(env.context)
  const own = blog(inbox, { consent: 'granted', next: '1' })
  await page.goto(blog(inbox, { consent: 'granted', out: own }))
  await sdkLoaded(page)
  await linkChunkLoaded(page)
  const request = nextDocument(page, '127.0.0.1')
  await page.click('#out')
  expect((await request).url()).toBe(own)
})
