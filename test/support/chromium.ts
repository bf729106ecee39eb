// Real Chromium driven by playwright, for what vitest browser mode cannot do: reloads,
// navigation, several tabs, response headers such as CSP.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs'
import { startCollector } from './collector'
import type { Inbox } from './inbox'

/** Launches the Chromium `scripts/chromium.mjs` finds, headless. */
export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: chromiumArgs,
    headless: true,
  })

/** What a test file shares: one collector and one Chromium, and a fresh context per test. */
export interface Chromium {
  collector: Awaited<ReturnType<typeof startCollector>>
  browser: Browser
  /** This test's own context: its own IndexedDB, storage and quota. */
  context: BrowserContext
}

/** Starts the collector and Chromium for the file, and a new context for each of its tests. */
export const useChromium = (): Chromium => {
  const env = {} as Chromium
  beforeAll(async () => {
    ;[env.collector, env.browser] = await Promise.all([startCollector(), launch()])
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.collector?.close()
  })
  beforeEach(async () => {
    env.context = await env.browser.newContext()
  })
  afterEach(() => env.context?.close())
  return env
}

/** What a page did that a test may assert on: console errors, uncaught errors. */
export interface PageRecord {
  page: Page
  consoleErrors: string[]
  pageErrors: Error[]
}

/** Opens a page in `context` that records its console errors and uncaught errors. */
export const openPage = async (context: BrowserContext): Promise<PageRecord> => {
  const page = await context.newPage()
  const record: PageRecord = { page, consoleErrors: [], pageErrors: [] }
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => record.pageErrors.push(error))
  return record
}

/** Waits until the script tag has replaced the stub with the loaded tracker. */
export const sdkLoaded = (page: Page) =>
  page.waitForFunction(() => {
    const tt = (window as unknown as { touchtrail?: { track?: unknown } }).touchtrail
    return typeof tt?.track === 'function'
  })

/** URL of a test page served by the collector, with its query (e.g. `collector`). */
export const pageUrl = (base: string, page: string, query: Record<string, string> = {}) =>
  `${base}/static/${page}?${new URLSearchParams(query)}`

/**
 * What a page of the site sees of the queue it shares (database `name`): the records stored and
 * the Web Locks held or waited for. Printed when a delivery test times out, so a failure on CI
 * says whether the touchpoints were lost or only not sent.
 */
export const queueState = (page: Page, name = 'touchtrail') =>
  page.evaluate(async (db) => {
    const stored = await new Promise<number | string>((resolve) => {
      setTimeout(() => resolve('no answer in 3 s: a transaction holds the store'), 3_000)
      const request = indexedDB.open(db)
      request.onerror = () => resolve(`open failed: ${request.error}`)
      request.onsuccess = () => {
        try {
          const count = request.result.transaction('queue').objectStore('queue').count()
          count.onsuccess = () => resolve(count.result)
          count.onerror = () => resolve(`count failed: ${count.error}`)
        } catch (error) {
          resolve(`no queue: ${error}`)
        } finally {
          request.result.close()
        }
      }
    })
    const locks = await navigator.locks.query()
    const unsaved = (JSON.parse(localStorage.getItem(`${db}:unsaved`) ?? '[]') as unknown[]).length
    return {
      stored,
      unsaved,
      locks: { held: locks.held?.length ?? 0, pending: locks.pending?.length ?? 0 },
    }
  }, name)

/**
 * Waits until the collector has the page's first `page_view`: it is recorded once the page
 * settled (about 100 ms after the tag starts), so a test that acts on it waits for it first.
 */
export const firstViewDelivered = async (page: Page, inbox: Inbox) => {
  const viewed = async () => {
    await page.evaluate(() =>
      (window as unknown as { touchtrail: { flush(): Promise<unknown> } }).touchtrail.flush(),
    )
    return (await inbox.touchpoints()).some((touchpoint) => touchpoint.type === 'page_view')
  }
  await expect.poll(viewed).toBe(true)
}
