// Delivery under network faults (SPEC §5) in real Chromium, through the script tag: a collector
// that fails or is not there across reloads, one that hangs, an offline browser, three tabs while
// the collector flaps, navigation away with a small and a full queue. Every number is counted from
// what the collector stored, and each test writes its row to test/artifacts/faults.json for
// `node scripts/faultTable.mjs`, pass or fail.
import { createServer } from 'node:net'
import { expect, it } from 'vitest'
import type { Page } from 'playwright'
import type { Reply } from '../support/collector'
import { createInbox } from '../support/inbox'
import { countOf, createTally } from '../support/faultRows'
import { openPage, pageUrl, queueState, sdkLoaded, useChromium } from '../support/chromium'

declare const touchtrail: {
  track(type: string, props?: unknown): string | undefined
  flush(): Promise<unknown>
}

const env = useChromium()

const tally = createTally('test/e2e/faultsNetwork.test.ts')

// ---- Page helpers ----
/** Tracks `count` chat_open touchpoints labelled `label`, `padBytes` of filler each; their ids. */
const trackIn = (page: Page, count: number, label: string, padBytes = 0) =>
  page.evaluate(
    ([n, provider, pad]) =>
      Array.from({ length: n }, (_, i) =>
        touchtrail.track('chat_open', { provider, trigger: 'api', n: i, pad: 'x'.repeat(pad) }),
      ),
    [count, label, padBytes] as const,
  )

/**
 * Tracks like `trackIn`, then follows a link to `next` in the same task, as a click would; the
 * ids, once the next page has loaded.
 */
const trackThenLeave = async (
  page: Page,
  count: number,
  label: string,
  padBytes: number,
  next: string,
) => {
  const ids = await page.evaluate(
    ([n, provider, pad, url]) => {
      const tracked = Array.from({ length: n }, (_, i) =>
        touchtrail.track('chat_open', { provider, trigger: 'api', n: i, pad: 'x'.repeat(pad) }),
      )
      location.assign(url)
      return tracked
    },
    [count, label, padBytes, next] as const,
  )
  await page.waitForURL(next)
  return ids
}

/** A port nothing listens on: connections to it are refused. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const maxOf = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0)

// ---- Collector down across reloads ----
it.each([
  ['503', 'answers 503'],
  ['refused', 'refuses connections'],
] as const)(
  'delivers 200 touchpoints of 3 loads while the collector %s, once it is back',
  async (kind, what) => {
    const t = tally(
      `network/down-${kind}`,
      `collector ${what} across 3 loads, 200 touchpoints, then back`,
    )
    const inbox = (t.inbox = createInbox(env.collector.url))
    await inbox.script([], { status: 503 })
    const live = pageUrl(env.collector.url, 'basic.html', { collector: inbox.url })
    const nowhere = `http://127.0.0.1:${await closedPort()}/${inbox.name}`
    const down =
      kind === '503' ? live : pageUrl(env.collector.url, 'basic.html', { collector: nowhere })
    const { page, pageErrors } = await openPage(env.context)
    await page.goto(down)
    for (const count of [67, 67, 66]) {
      await sdkLoaded(page)
      t.sent.push(...(await trackIn(page, count, kind)))
      // A flush per load: the page tried (and failed) before the visitor moved on.
      await page.evaluate(() => touchtrail.flush())
      await page.reload()
    }
    const failures = (await inbox.log()).length
    await inbox.script([], { status: 200 })
    await page.goto(live) // the visitor comes back once the collector is up again
    await expect
      .poll(async () => (await countOf(inbox, t.sent)).delivered, { timeout: 60_000 })
      .toBe(200)
    const { duplicates } = await countOf(inbox, t.sent)
    t.note.push(
      kind === '503'
        ? `${failures} requests answered 503 while down`
        : 'refused requests never reach a collector to be counted',
    )
    expect(new Set(t.sent).size).toBe(200)
    expect(duplicates).toBe(0)
    expect(pageErrors).toEqual([])
  },
)

// ---- A collector that never answers ----
it('gives up on a hanging request after 10 s and retries it, never two at once', async () => {
  const t = tally('network/hang', 'collector hangs (no answer) on the first request')
  const inbox = (t.inbox = createInbox(env.collector.url))
  await inbox.script([{ hang: true }], { status: 200 })
  const { page, pageErrors } = await openPage(env.context)
  await page.goto(pageUrl(env.collector.url, 'basic.html', { collector: inbox.url }))
  await sdkLoaded(page)
  t.sent.push(
    ...(await page.evaluate(() => {
      const ids = Array.from({ length: 5 }, (_, n) =>
        touchtrail.track('chat_open', { provider: 'hang', trigger: 'api', n }),
      )
      void touchtrail.flush() // resolves only once the hung request is given up and retried
      return ids
    })),
  )
  await expect.poll(async () => (await inbox.log()).length).toBe(1)
  // While the first request hangs: a full batch (which asks for a send at once) and a flush.
  t.sent.push(...(await trackIn(page, 60, 'hang')))
  void page.evaluate(() => void touchtrail.flush())
  await expect
    .poll(async () => (await countOf(inbox, t.sent)).delivered, { timeout: 45_000 })
    .toBe(65)
  const log = await inbox.log()
  const [hung, retry] = log
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
  t.note.push(
    `hung request closed by the SDK after ${seconds((hung.endedAt ?? NaN) - hung.at)}, ` +
      `retried ${seconds(retry.at - (hung.endedAt ?? NaN))} later; ` +
      `max concurrent ${maxOf(log.map((e) => e.concurrent))}`,
  )
  expect(hung.outcome).toBe('hang')
  expect(hung.endedAt).not.toBeNull() // the SDK closed it: its timeout fired
  expect(retry.at - hung.at).toBeGreaterThanOrEqual(9_900)
  expect(retry.ids).toEqual(expect.arrayContaining(hung.ids)) // the same ids, retried
  expect(log.map((entry) => entry.concurrent)).toEqual(log.map(() => 0))
  expect(retry.at).toBeGreaterThanOrEqual(hung.endedAt ?? Infinity)
  expect((await countOf(inbox, t.sent)).duplicates).toBe(0)
  expect(pageErrors).toEqual([])
})

// ---- Offline ----
it('makes no tight retry loop while offline, and delivers when back online', async () => {
  const t = tally('network/offline', 'browser offline for 5 s (context.setOffline), then online')
  const inbox = (t.inbox = createInbox(env.collector.url))
  const { page, pageErrors } = await openPage(env.context)
  // The page's clock runs as usual until the test moves it on (this test's context only).
  await page.clock.install()
  // Counts the SDK's POSTs in the page: offline, none of them reach the collector to be counted.
  await page.addInitScript(() => {
    const w = window as unknown as { faultPosts: number[] }
    const original = window.fetch
    w.faultPosts = []
    window.fetch = function (input, init) {
      if (init?.method === 'POST') w.faultPosts.push(Date.now())
      return original.call(this, input, init)
    }
  })
  await page.goto(pageUrl(env.collector.url, 'basic.html', { collector: inbox.url }))
  await sdkLoaded(page)
  await page.evaluate(() => touchtrail.flush()) // the page_view, so the window below is clean
  await env.context.setOffline(true)
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false)
  const before = await page.evaluate(
    () => (window as unknown as { faultPosts: number[] }).faultPosts.length,
  )
  t.sent.push(...(await trackIn(page, 60, 'offline'))) // past a batch: asks for a send at once
  await page.evaluate(() => Promise.all([touchtrail.flush(), touchtrail.flush()]))
  // Attempts over 5 s offline, on the page's clock: every timer due in them fires, none waited.
  await page.clock.runFor(5_000)
  const attempts =
    (await page.evaluate(() => (window as unknown as { faultPosts: number[] }).faultPosts.length)) -
    before
  const back = Date.now()
  await env.context.setOffline(false)
  await expect
    .poll(async () => (await countOf(inbox, t.sent)).delivered, { timeout: 15_000 })
    .toBe(60)
  t.note.push(
    `${attempts} POST attempts in 5 s offline; delivered ${((Date.now() - back) / 1000).toFixed(
      1,
    )} s after going online`,
  )
  expect(attempts).toBeLessThanOrEqual(3)
  expect((await countOf(inbox, t.sent)).duplicates).toBe(0)
  expect(pageErrors).toEqual([])
})

// ---- Three tabs, one queue, a flapping collector ----
it('sends from one tab at a time while 3 tabs track and the collector flaps', async () => {
  const t = tally('network/tabs-flapping', '3 tabs track 3×40 each while the collector flaps')
  const inbox = (t.inbox = createInbox(env.collector.url))
  const flap: Reply[] = [
    { status: 503 },
    { status: 200, delayMs: 80 },
    { reset: true },
    { status: 200, delayMs: 80 },
    { status: 500 },
    { status: 200, delayMs: 80 },
  ]
  await inbox.script(Array.from({ length: 4 }, () => flap).flat(), { status: 200, delayMs: 40 })
  const tabs = await Promise.all(
    ['a', 'b', 'c'].map(async (tab) => {
      const record = await openPage(env.context)
      await record.page.goto(
        pageUrl(env.collector.url, 'basic.html', { collector: inbox.url, tab }),
      )
      await sdkLoaded(record.page)
      return record
    }),
  )
  for (let round = 0; round < 3; round++) {
    const ids = await Promise.all(
      tabs.map(async ({ page }) => {
        const tracked = await trackIn(page, 40, 'tabs')
        void page.evaluate(() => void touchtrail.flush()) // all three ask at once
        return tracked
      }),
    )
    t.sent.push(...ids.flat())
  }
  await expect
    .poll(async () => (await countOf(inbox, t.sent)).delivered, { timeout: 60_000 })
    .toBe(360)
  const log = await inbox.log()
  const byTab = new Map<string, number>()
  for (const entry of log) {
    const tab = new URL(String(entry.headers.referer)).searchParams.get('tab') ?? '?'
    byTab.set(tab, (byTab.get(tab) ?? 0) + 1)
  }
  const maxConcurrent = maxOf(log.map((entry) => entry.concurrent))
  const failed = log.filter((entry) => entry.status !== 200).length
  t.note.push(
    `max concurrent POSTs ${maxConcurrent}; ${failed} failed answers; requests per tab ${[...byTab]
      .map(([tab, n]) => `${tab}:${n}`)
      .join(' ')}`,
  )
  const whileOpen = (await countOf(inbox, t.sent)).duplicates
  // The visitor closes the three tabs, then comes back in a fourth. Once the fourth tab's own
  // page_view is in, whatever the closing tabs sent with keepalive has long arrived.
  for (const { page } of tabs) await page.close()
  const { page: later } = await openPage(env.context)
  await later.goto(pageUrl(env.collector.url, 'basic.html', { collector: inbox.url, tab: 'd' }))
  await sdkLoaded(later)
  await later.evaluate(() => touchtrail.flush())
  await expect
    .poll(async () =>
      (await inbox.log()).some(
        (entry) => String(entry.headers.referer).includes('tab=d') && entry.status === 200,
      ),
    )
    .toBe(true)
  const afterClose = (await countOf(inbox, t.sent)).duplicates - whileOpen
  t.note.push(`duplicates: ${whileOpen} while open, ${afterClose} sent again as the tabs closed`)
  expect(maxConcurrent).toBe(0)
  expect(whileOpen).toBe(0)
  expect(afterClose, 'closing tabs resend what another tab delivered').toBe(0)
  expect(tabs.flatMap(({ pageErrors }) => pageErrors)).toEqual([])
})

// ---- Navigation away ----
it('delivers 20 touchpoints tracked as the page navigates away, each request under 64 KB', async () => {
  const t = tally('unload/20', '20 touchpoints, then navigate away at once (keepalive)')
  const inbox = (t.inbox = createInbox(env.collector.url))
  const { page, pageErrors } = await openPage(env.context)
  await page.goto(pageUrl(env.collector.url, 'basic.html', { collector: inbox.url }))
  await sdkLoaded(page)
  const blank = pageUrl(env.collector.url, 'blank.html') // no tracker there: only the unload sends
  t.sent.push(...(await trackThenLeave(page, 20, 'unload', 0, blank)))
  await expect
    .poll(async () => (await countOf(inbox, t.sent)).delivered, { timeout: 15_000 })
    .toBe(20)
  const log = await inbox.log()
  t.note.push(`largest request ${maxOf(log.map((e) => e.bytes))} B`)
  expect(maxOf(log.map((entry) => entry.bytes))).toBeLessThan(64 * 1024)
  expect((await countOf(inbox, t.sent)).duplicates).toBe(0)
  expect(pageErrors).toEqual([])
})

it('keeps 600 touchpoints of ~500 B tracked before navigating away, for the next load', async () => {
  const t = tally('unload/600x500B', '600 touchpoints of ~500 B, navigate away, come back')
  const inbox = (t.inbox = createInbox(env.collector.url))
  const { page, pageErrors, consoleErrors } = await openPage(env.context)
  const url = pageUrl(env.collector.url, 'basic.html', { collector: inbox.url })
  await page.goto(url)
  await sdkLoaded(page)
  const blank = pageUrl(env.collector.url, 'blank.html')
  t.sent.push(...(await trackThenLeave(page, 600, 'unload600', 500, blank)))
  const onUnload = await countOf(inbox, t.sent)
  const left = await queueState(page) // read from the blank page: what the next load finds
  await page.goto(url) // the next page of the site: the queue goes out from there
  await expect
    .poll(async () => (await countOf(inbox, t.sent)).delivered, { timeout: 60_000 })
    .toBe(600)
    .catch(async (error: Error) => {
      const now = await queueState(page).catch((cause: Error) => cause.message)
      error.message += `\nafter unload: ${onUnload.delivered} delivered, queue ${JSON.stringify(
        left,
      )}\nnow: queue ${JSON.stringify(now)}\nrequests: ${JSON.stringify(
        (await inbox.log()).map((e) => [e.at, e.status, e.ids.length]),
      )}\nconsole errors: ${JSON.stringify(consoleErrors)}`
      throw error
    })
  const log = await inbox.log()
  const largest = maxOf(log.map((entry) => entry.bytes))
  t.note.push(
    `${onUnload.delivered} arrived before the next load (${onUnload.requests} ` +
      `requests); largest request ${largest} B`,
  )
  expect(largest).toBeLessThan(64 * 1024)
  expect(pageErrors).toEqual([])
})

it('sends 45 touchpoints of ~500 B (under 64 KB in all) as the page navigates away', async () => {
  // Under maxEvents (50), so no ordinary send starts first: only the unload can deliver them.
  const t = tally(
    'unload/45x500B',
    '45 touchpoints of ~500 B (≈50 KB in all), then navigate away at once (keepalive)',
  )
  const inbox = (t.inbox = createInbox(env.collector.url))
  const { page, pageErrors } = await openPage(env.context)
  await page.goto(pageUrl(env.collector.url, 'basic.html', { collector: inbox.url }))
  await sdkLoaded(page)
  const blank = pageUrl(env.collector.url, 'blank.html') // no tracker: only the unload can send
  t.sent.push(...(await trackThenLeave(page, 45, 'budget', 500, blank)))
  // SPEC §5: queued touchpoints go out with keepalive as the page hides, each request < 64 KB.
  await expect
    .poll(async () => (await countOf(inbox, t.sent, [])).delivered, { timeout: 10_000 })
    .toBe(45)
    .catch(() => undefined) // the assertions below say how many
  const log = await inbox.log()
  const bytes = log.reduce((sum, entry) => sum + entry.bytes, 0)
  t.note.push(`${log.length} requests, ${bytes} B in all`)
  expect((await countOf(inbox, t.sent, [])).delivered).toBe(45)
  expect(maxOf(log.map((entry) => entry.bytes))).toBeLessThan(64 * 1024)
  expect(pageErrors).toEqual([])
})
