// The script tag with data-consent="tcf" across real reloads (SPEC §4): nothing stored or sent
// before the TCF choice, the grant delivers what was held, a reload keeps the grant before the
// CMP has loaded, a withdrawal purges, and a reload keeps the withdrawal. The CMP is IAB's own
// CmpApi with TC strings from @iabtcf/core (test/support/tcfPageCmp.ts), bundled for the page.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright'
import { startCollector } from '../support/collector'
import { createInbox, type Inbox } from '../support/inbox'
import { launch, openPage, pageUrl, sdkLoaded } from '../support/chromium'
import { bundleTcfCmp, serveTcfCmp } from '../support/tcfPageBundle'
import type { TcfTest } from '../support/tcfPageCmp'

interface PageWindow {
  touchtrail: {
    track(type: string, props?: unknown): string | undefined
    flush(): Promise<{ sent: number; failed: number; pending: number }>
  }
  loadCmp(): void
  tcfTest?: TcfTest
  __tcfapi?: (
    command: 'getTCData',
    version: 2,
    callback: (data: TcData, success: boolean) => void,
  ) => void
}
interface TcData {
  eventStatus?: string
  tcString?: string
  purpose: { consents: Record<number, boolean>; legitimateInterests: Record<number, boolean> }
}
declare const window: PageWindow & typeof globalThis

let collector: Awaited<ReturnType<typeof startCollector>>
let browser: Browser
let tcfCmp: string
beforeAll(async () => {
  ;[collector, browser, tcfCmp] = await Promise.all([startCollector(), launch(), bundleTcfCmp()])
})
afterAll(async () => {
  await browser?.close()
  await collector?.close()
})

const track = (page: Page, provider: string) =>
  page.evaluate(
    (p) => window.touchtrail.track('chat_open', { provider: p, trigger: 'api' }),
    provider,
  )
const flush = (page: Page) => page.evaluate(() => window.touchtrail.flush())
/** Records in the default queue database; -1 when there is no such database. */
const queued = (page: Page) =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((db) => db.name === 'touchtrail')) return -1
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('touchtrail')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const db = open.result
        if (!db.objectStoreNames.contains('queue')) return resolve(0)
        const count = db.transaction('queue').objectStore('queue').count()
        count.onsuccess = () => {
          db.close()
          resolve(count.result)
        }
      }
    })
  })
const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key)
/** The CMP is on the page and the lazily loaded TCF source listens to it. */
const cmpFollowed = async (page: Page) => {
  await page.evaluate(() => window.loadCmp())
  await page.waitForFunction(() => (window.tcfTest?.listeners() ?? 0) > 0)
}
/**
 * What the CmpApi reports to any caller: its event status, purpose 1's consent, and purpose 8 by
 * consent or legitimate interest (which the withdrawal leaves standing).
 */
const cmpSays = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ status?: string; purpose1: boolean; purpose8: boolean; tcString: boolean }>(
        (resolve) =>
          window.__tcfapi!('getTCData', 2, (data) =>
            resolve({
              status: data.eventStatus,
              purpose1: !!data.purpose.consents[1],
              purpose8: !!(data.purpose.consents[8] || data.purpose.legitimateInterests[8]),
              tcString: !!data.tcString,
            }),
          ),
      ),
  )
const providers = async (inbox: Inbox) =>
  (await inbox.touchpoints()).map((t) => (t.props as { provider?: string }).provider ?? t.type)

it('keeps the TCF decision across reloads: grant, then withdrawal', async () => {
  const inbox = createInbox(collector.url)
  const context = await browser.newContext()
  await serveTcfCmp(context, tcfCmp)
  try {
    const { page, pageErrors } = await openPage(context)
    const url = pageUrl(collector.url, 'consent-tcf.html', { collector: inbox.url })
    await page.goto(url)
    await sdkLoaded(page)
    // The page's view is recorded once the page settled; then the app's own touchpoint.
    await expect.poll(async () => (await flush(page)).pending).toBe(1)
    await track(page, 'held')
    await cmpFollowed(page) // the banner is up: pending
    expect(await cmpSays(page)).toEqual({
      status: 'cmpuishown',
      purpose1: false,
      purpose8: false,
      tcString: false,
    })
    expect(await flush(page)).toMatchObject({ sent: 0, failed: 0, pending: 2 }) // page_view, held
    expect(await queued(page)).toBe(-1)
    expect(await stored(page, 'touchtrail:id')).toBeNull()
    expect(await inbox.log()).toEqual([])
    expect(await inbox.preflights()).toEqual([])

    await page.evaluate(() => window.tcfTest!.grant())
    expect(await cmpSays(page)).toEqual({
      status: 'useractioncomplete',
      purpose1: true,
      purpose8: true,
      tcString: true,
    })
    await expect.poll(() => providers(inbox), { timeout: 15_000 }).toEqual(['page_view', 'held'])
    const [{ anonymousId }] = await inbox.touchpoints()

    // Reload with the CMP not there yet: only the remembered grant can send this.
    await page.reload()
    await sdkLoaded(page)
    await expect
      .poll(async () => (await flush(page), providers(inbox)))
      .toEqual(['page_view', 'held', 'page_view'])
    await track(page, 'reloaded')
    expect(await flush(page)).toMatchObject({ failed: 0, pending: 0 })
    await expect
      .poll(() => providers(inbox))
      .toEqual(['page_view', 'held', 'page_view', 'reloaded'])
    expect(await page.evaluate(() => typeof window.__tcfapi)).toBe('undefined')
    expect(new Set((await inbox.touchpoints()).map((t) => t.anonymousId))).toEqual(
      new Set([anonymousId]),
    )

    // The CMP loads with the stored grant, then the visitor withdraws while a batch is queued.
    await cmpFollowed(page)
    expect(await cmpSays(page)).toEqual({
      status: 'tcloaded',
      purpose1: true,
      purpose8: true,
      tcString: true,
    })
    await inbox.script([], { status: 503, retryAfter: '1' })
    await track(page, 'queued')
    expect(await flush(page)).toMatchObject({ sent: 0, failed: 1 })
    expect(await queued(page)).toBe(1)
    const postsBefore = (await inbox.log()).length
    const withdrawnAt = Date.now()
    await page.evaluate(() => window.tcfTest!.withdraw())
    await expect
      .poll(
        async () => (await queued(page)) <= 0 && (await stored(page, 'touchtrail:id')) === null,
        { timeout: 1_000, interval: 20 },
      )
      .toBe(true)
    const purgeMs = Date.now() - withdrawnAt
    expect(await cmpSays(page)).toEqual({
      status: 'useractioncomplete',
      purpose1: false,
      purpose8: true,
      tcString: true,
    })
    expect(await stored(page, 'touchtrail:consent')).toBe('denied')

    // Reload: the withdrawal holds before the CMP loads and after it reports the stored denial.
    await inbox.script([], { status: 200 })
    await page.reload()
    await sdkLoaded(page)
    expect(await track(page, 'denied')).toBeUndefined()
    await cmpFollowed(page)
    expect(await cmpSays(page)).toEqual({
      status: 'tcloaded',
      purpose1: false,
      purpose8: true,
      tcString: true,
    })
    expect(await track(page, 'denied')).toBeUndefined()
    expect(await flush(page)).toEqual({ sent: 0, failed: 0, pending: 0 })
    expect(await queued(page)).toBeLessThanOrEqual(0)
    expect(await stored(page, 'touchtrail:id')).toBeNull()
    // The 503 above asked for a retry in 1 s; once a control page's 2 s retry has come, a
    // tracker not silenced would have retried too.
    const control = createInbox(collector.url)
    await control.script([{ status: 503, retryAfter: '2' }], { status: 200 })
    // Its own context: this origin's storage holds the remembered denial.
    const clockContext = await browser.newContext()
    const clock = await openPage(clockContext)
    await clock.page.goto(pageUrl(collector.url, 'basic.html', { collector: control.url }))
    await expect
      .poll(async () => (await control.touchpoints()).length, { timeout: 15_000 })
      .toBeGreaterThan(0)
    await clockContext.close()
    expect((await control.log()).length).toBeGreaterThan(1) // it did retry
    expect((await inbox.log()).length).toBe(postsBefore)
    expect(pageErrors).toEqual([])
    console.info(
      `e2e tcf: withdraw to purge ${purgeMs} ms, posts after ${
        (await inbox.log()).length - postsBefore
      }`,
    )
  } finally {
    await context.close()
  }
})
