// The script-tag install (SPEC §1) in real Chromium: the pre-load stub, both call styles after
// load, a missing collector, a strict Content-Security-Policy.
import { expect, it } from 'vitest'
import { createInbox, type Inbox } from '../support/inbox'
import { openPage, pageUrl, sdkLoaded, useChromium } from '../support/chromium'

// What the page sees: the loaded tracker is callable and carries the tracker's methods.
type PageTracker = ((method: string, ...args: unknown[]) => unknown) & {
  track(type: string, props?: unknown): string | undefined
  flush(): Promise<unknown>
}
declare const touchtrail: PageTracker

const env = useChromium()

/** Touchpoints the test made: all but the automatic page_view. */
const tracked = async (inbox: Inbox) =>
  (await inbox.touchpoints()).filter(({ type }) => type !== 'page_view')

it('replays calls queued by the pre-load stub, in order', async () => {
  const inbox = createInbox(env.collector.url)
  const { page, pageErrors } = await openPage(env.context)
  await page.goto(pageUrl(env.collector.url, 'stub.html', { collector: inbox.url }))
  await sdkLoaded(page)
  await page.evaluate(() => touchtrail.flush())
  await expect.poll(async () => (await tracked(inbox)).length, { timeout: 15_000 }).toBe(4)
  const delivered = await tracked(inbox)
  // identify() between the first and second track: only a replay in order gives these userIds.
  expect(
    delivered.map(({ type, props, userId }) => [
      type,
      (props as { provider?: string }).provider ?? null,
      userId,
    ]),
  ).toEqual([
    ['chat_open', 'first', null],
    ['identify', null, 'user-1'],
    ['chat_open', 'second', 'user-1'],
    ['chat_open', 'third', 'user-1'],
  ])
  const times = delivered.map(({ ts }) => Date.parse(ts))
  expect(times).toEqual([...times].sort((a, b) => a - b))
  expect(pageErrors).toEqual([])
})

it('takes touchtrail(method, …) and touchtrail.method(…) after load', async () => {
  const inbox = createInbox(env.collector.url)
  const { page, pageErrors, consoleErrors } = await openPage(env.context)
  await page.goto(pageUrl(env.collector.url, 'basic.html', { collector: inbox.url }))
  await sdkLoaded(page)
  const ids = await page.evaluate(() => {
    touchtrail('track', 'chat_open', { provider: 'as-function', trigger: 'api' })
    const id = touchtrail.track('chat_open', { provider: 'as-method', trigger: 'api' })
    return touchtrail.flush().then(() => id)
  })
  expect(ids).toEqual(expect.any(String))
  await expect
    .poll(async () => (await tracked(inbox)).map(({ props }) => props), {
      timeout: 15_000,
    })
    .toEqual([
      { provider: 'as-function', trigger: 'api' },
      { provider: 'as-method', trigger: 'api' },
    ])
  expect((await tracked(inbox))[1].id).toBe(ids)
  expect([...pageErrors, ...consoleErrors]).toEqual([])
})

it('logs one console error and throws nothing without data-collector', async () => {
  const { page, pageErrors, consoleErrors } = await openPage(env.context)
  await page.goto(pageUrl(env.collector.url, 'nocollector.html'))
  await page.waitForLoadState('load')
  const calls = await page.evaluate(async () => {
    const tt = (window as unknown as { touchtrail: PageTracker }).touchtrail
    tt('track', 'chat_open', { provider: 'late', trigger: 'api' })
    tt('consent', 'granted')
    tt.track?.('chat_open', { provider: 'late', trigger: 'api' })
    await tt.flush?.()
    return typeof tt
  })
  expect(calls).toBe('function')
  expect(pageErrors).toEqual([])
  expect(consoleErrors).toHaveLength(1)
  expect(consoleErrors[0]).toMatch(/collector/i)
})

it('runs under a strict CSP: no inline script, no eval, connect-src self', async () => {
  const inbox = createInbox(env.collector.url)
  const { page, pageErrors, consoleErrors } = await openPage(env.context)
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { violations: string[] }).violations = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  const response = await page.goto(
    pageUrl(env.collector.url, 'csp.html', { collector: inbox.url, csp: 'strict' }),
  )
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
  await sdkLoaded(page)
  const id = await page.evaluate(async () => {
    const trackedId = touchtrail.track('chat_open', { provider: 'csp', trigger: 'api' })
    await touchtrail.flush()
    return trackedId
  })
  await expect.poll(async () => (await tracked(inbox)).map((t) => t.id)).toEqual([id])
  expect(
    await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
  ).toEqual([])
  expect([...pageErrors, ...consoleErrors]).toEqual([])
})

it('data-format="posthog" with data-compress loads the format and sends PostHog’s body, gzipped', async () => {
  const inbox = createInbox(env.collector.url)
  const { page, pageErrors, consoleErrors } = await openPage(env.context)
  const query = { collector: inbox.url, format: 'posthog', key: 'phc_tag', compress: 'true' }
  await page.goto(pageUrl(env.collector.url, 'format.html', query))
  await sdkLoaded(page)
  await page.evaluate(() => {
    for (let i = 0; i < 20; i++)
      touchtrail.track('chat_open', { provider: `p${i}`, trigger: 'api' })
    return touchtrail.flush()
  })
  const events = async () =>
    (await inbox.received())
      .split('\n')
      .filter(Boolean)
      .flatMap((body) => (JSON.parse(body) as { batch: { event: string }[] }).batch)
  // The page's own view settles after the calls above, so it may come in a later, smaller body.
  await expect.poll(async () => (await events()).length, { timeout: 15_000 }).toBe(21)
  const names = (await events()).map((event) => event.event)
  expect(names.sort()).toEqual(['$pageview', ...Array(20).fill('chat_open')].sort())
  const log = await inbox.log()
  // The 20 chat_opens (over 1 KB) went gzipped with PostHog's flag; a body is gzipped iff flagged.
  expect(log.some((entry) => entry.gzipped)).toBe(true)
  expect(log.every((entry) => entry.gzipped === (entry.query === '?compression=gzip-js'))).toBe(
    true,
  )
  expect(JSON.parse((await inbox.received()).split('\n')[0])).toMatchObject({ api_key: 'phc_tag' })
  expect(await inbox.preflights()).toEqual([])
  expect([...pageErrors, ...consoleErrors]).toEqual([])
})

it('data-format="segment" sends Segment’s body with the write key, plain', async () => {
  const inbox = createInbox(env.collector.url)
  const { page } = await openPage(env.context)
  const query = { collector: inbox.url, format: 'segment', key: 'wk_tag', compress: 'true' }
  await page.goto(pageUrl(env.collector.url, 'format.html', query))
  await sdkLoaded(page)
  await page.evaluate(() => touchtrail.flush())
  await expect.poll(async () => (await inbox.log()).length, { timeout: 15_000 }).toBe(1)
  expect((await inbox.log())[0]).toMatchObject({ query: '', gzipped: false })
  expect(JSON.parse(await inbox.received())).toMatchObject({
    writeKey: 'wk_tag',
    batch: [{ type: 'page' }],
  })
})

it('an unknown data-format or one without data-write-key logs an error and sends nothing', async () => {
  for (const [format, key] of [
    ['amplitude', 'k'],
    ['segment', ''],
  ]) {
    const inbox = createInbox(env.collector.url)
    const { page, pageErrors, consoleErrors } = await openPage(env.context)
    await page.goto(
      pageUrl(env.collector.url, 'format.html', { collector: inbox.url, format, key }),
    )
    await expect.poll(() => consoleErrors.length, { timeout: 15_000 }).toBe(1)
    expect(consoleErrors[0]).toContain('data-format')
    expect(await page.evaluate(() => typeof (window as { touchtrail?: unknown }).touchtrail)).toBe(
      'undefined',
    )
    expect(await inbox.log()).toEqual([])
    expect(pageErrors).toEqual([])
  }
})

it("loads the chat adapters only once a widget's global appears, and review_read once a review does", async () => {
  const inbox = createInbox(env.collector.url)
  const { page, pageErrors, consoleErrors } = await openPage(env.context)
  await page.goto(pageUrl(env.collector.url, 'basic.html', { collector: inbox.url }))
  await sdkLoaded(page)
  const chunks = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map(({ name }) => new URL(name).pathname.split('/').pop())
        .filter((file) => /^touchtrail\.\w+\.js$/.test(file!)),
    )
  // chat_open and review_read are default captures; the page has no widget and no review: the
  // tag looked and loaded nothing.
  await page.evaluate(() => touchtrail.flush())
  expect(await chunks()).toEqual(['touchtrail.global.js'])
  // An Intercom that loads late: the tag loads the adapters, which hook its onShow.
  await page.evaluate(() => {
    const w = window as unknown as { Intercom: unknown; show?: () => void }
    w.Intercom = (command: string, handler: () => void) => {
      if (command === 'onShow') w.show = handler
    }
  })
  await expect
    .poll(() => page.evaluate(() => typeof (window as unknown as { show?: unknown }).show))
    .toBe('function')
  expect((await chunks()).sort()).toEqual(['touchtrail.chat.js', 'touchtrail.global.js'])
  await page.evaluate(() => {
    ;(window as unknown as { show: () => void }).show()
    return touchtrail.flush()
  })
  await expect
    .poll(async () => (await tracked(inbox)).map(({ props }) => props))
    .toEqual([{ provider: 'intercom', widget: 'intercom', trigger: 'widget' }])
  // A review the app renders later: the tag loads the capture, which counts its time in view.
  await page.evaluate(() => {
    const review = document.createElement('p')
    review.setAttribute('data-tt-review', 'r-1')
    review.textContent = 'Bright and floral.'
    document.body.append(review)
  })
  await expect
    .poll(
      async () => {
        await page.evaluate(() => touchtrail.flush())
        return (await tracked(inbox)).map(({ type, props }) => [type, props.reviewId ?? null])
      },
      { timeout: 15_000 },
    )
    .toEqual([
      ['chat_open', null],
      ['review_read', 'r-1'],
    ])
  expect((await chunks()).sort()).toEqual([
    'touchtrail.chat.js',
    'touchtrail.global.js',
    'touchtrail.review.js',
  ])
  expect([...pageErrors, ...consoleErrors]).toEqual([])
})
