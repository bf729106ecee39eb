// The queue outlives the page (SPEC §5): reloads while the collector fails, navigation away right
// after tracking, thousands of touchpoints tracked just before unload, two tabs sharing one queue.
import { expect, it } from 'vitest'
import type { Page } from 'playwright'
import { createInbox, type Inbox } from '../support/inbox'
import { openPage, pageUrl, sdkLoaded, useChromium } from '../support/chromium'

declare const touchtrail: {
  track(type: string, props?: unknown): string | undefined
  flush(): Promise<unknown>
}

const env = useChromium()

/** Tracks `count` chat_open touchpoints in the page; returns their ids. */
const trackIn = (page: Page, count: number, label: string) =>
  page.evaluate(
    ([n, provider]) =>
      Array.from({ length: n }, (_, i) =>
        touchtrail.track('chat_open', { provider, trigger: 'api', n: i }),
      ),
    [count, label] as const,
  )

/**
 * How many touchpoints the next load of the site finds (default queue name): the records in the
 * queue database and, where the page went away before that database opened, its unsaved copy in
 * localStorage; -1 when there are neither.
 */
const queued = (page: Page) =>
  page.evaluate(async () => {
    const unsaved = JSON.parse(localStorage.getItem('touchtrail:unsaved') ?? '[]') as string[][]
    const ids = new Set(unsaved.map(([id]) => id))
    const stored = await new Promise<IDBValidKey[] | undefined>((resolve, reject) => {
      const open = indexedDB.open('touchtrail')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const db = open.result
        if (!db.objectStoreNames.contains('queue')) return resolve(undefined)
        const keys = db.transaction('queue').objectStore('queue').getAllKeys()
        keys.onsuccess = () => {
          db.close()
          resolve(keys.result)
        }
      }
    })
    stored?.forEach((id) => ids.add(String(id)))
    return stored || unsaved.length ? ids.size : -1
  })

/** Ids the collector accepted of one label: unique ones, and how many came more than once. */
const acceptedOf = async (inbox: Inbox, label: string) => {
  const ids = (await inbox.touchpoints())
    .filter(({ props }) => (props as { provider?: string }).provider === label)
    .map(({ id }) => id)
  const unique = new Set(ids)
  return { unique, duplicates: ids.length - unique.size }
}

it('delivers 200 touchpoints tracked across 3 reloads of 503s, once it answers 200', async () => {
  const inbox = createInbox(env.collector.url)
  await inbox.script([], { status: 503 })
  const { page, pageErrors } = await openPage(env.context)
  const url = pageUrl(env.collector.url, 'basic.html', { collector: inbox.url })
  await page.goto(url)
  const ids: Array<string | undefined> = []
  for (const count of [67, 67, 66]) {
    await sdkLoaded(page)
    ids.push(...(await trackIn(page, count, 'reloads')))
    await page.reload()
  }
  expect(new Set(ids).size).toBe(200)
  expect((await inbox.log()).some(({ status }) => status === 503)).toBe(true)
  // Nothing acknowledged yet, so all 200 (and a page_view per load) are still queued.
  await sdkLoaded(page)
  expect(await queued(page)).toBeGreaterThanOrEqual(200)
  await inbox.script([], { status: 200 })
  await page.reload() // the visitor comes back once the collector is up again
  await expect
    .poll(async () => (await acceptedOf(inbox, 'reloads')).unique.size, {
      timeout: 60_000,
    })
    .toBe(200)
  const { unique, duplicates } = await acceptedOf(inbox, 'reloads')
  expect([...unique].sort()).toEqual([...ids].sort())
  console.info(
    `reloads: 200 delivered, ${duplicates} duplicates, ` + `${(await inbox.log()).length} requests`,
  )
  expect(pageErrors).toEqual([])
})

it('delivers 20 touchpoints tracked right before navigating away, on unload', async () => {
  const inbox = createInbox(env.collector.url)
  const { page, pageErrors } = await openPage(env.context)
  await page.goto(pageUrl(env.collector.url, 'basic.html', { collector: inbox.url }))
  await sdkLoaded(page)
  const ids = await trackIn(page, 20, 'unload')
  await page.goto(pageUrl(env.collector.url, 'blank.html')) // no tracker here: the unload must send
  await expect
    .poll(async () => (await acceptedOf(inbox, 'unload')).unique, { timeout: 15_000 })
    .toEqual(new Set(ids))
  const { duplicates } = await acceptedOf(inbox, 'unload')
  console.info(`unload: 20 delivered, ${duplicates} duplicates`)
  expect(pageErrors).toEqual([])
})

it('keeps 2,000 touchpoints tracked just before unload for the next load', async () => {
  const inbox = createInbox(env.collector.url)
  await inbox.script([], { status: 503 }) // whatever the unload sends is not acknowledged
  const { page, pageErrors } = await openPage(env.context)
  const url = pageUrl(env.collector.url, 'basic.html', { collector: inbox.url })
  await page.goto(url)
  await sdkLoaded(page)
  const blank = pageUrl(env.collector.url, 'blank.html')
  // Track, then follow a link at once, in the same task: as a page does on a click.
  await page.evaluate(
    ([n, next]) => {
      const tracked = Array.from({ length: n }, (_, i) =>
        touchtrail.track('chat_open', { provider: 'burst', trigger: 'api', n: i }),
      )
      sessionStorage.setItem('tracked', JSON.stringify(tracked)) // survives the navigation
      location.assign(next)
    },
    [2_000, blank] as const,
  )
  await page.waitForURL(blank)
  const ids = JSON.parse(
    await page.evaluate(() => sessionStorage.getItem('tracked') ?? '[]'),
  ) as string[]
  expect(ids).toHaveLength(2_000)
  // On the next page of the site, before any of it could be acknowledged: all still queued.
  expect(await queued(page)).toBeGreaterThanOrEqual(2_000)
  await inbox.script([], { status: 200 })
  await page.goto(url)
  await expect
    .poll(async () => (await acceptedOf(inbox, 'burst')).unique.size, {
      timeout: 60_000,
    })
    .toBe(2_000)
  const { unique, duplicates } = await acceptedOf(inbox, 'burst')
  expect([...unique].sort()).toEqual([...ids].sort())
  const log = await inbox.log()
  console.info(`burst: 2000 delivered, ${duplicates} duplicates, ${log.length} requests`)
  expect(Math.max(...log.map(({ bytes }) => bytes))).toBeLessThan(64 * 1024)
  expect(pageErrors).toEqual([])
})

it('sends from one tab at a time when two tabs share the queue', async () => {
  const inbox = createInbox(env.collector.url)
  await inbox.script([], { status: 200, delayMs: 150 }) // slow answers: overlaps would show
  const tabs = await Promise.all(
    ['a', 'b'].map(async (tab) => {
      const record = await openPage(env.context)
      await record.page.goto(
        pageUrl(env.collector.url, 'basic.html', { collector: inbox.url, tab }),
      )
      await sdkLoaded(record.page)
      return record
    }),
  )
  const ids = (
    await Promise.all(
      tabs.map(async ({ page }) => {
        const tracked = await trackIn(page, 60, 'tabs')
        await page.evaluate(() => touchtrail.flush())
        return tracked
      }),
    )
  ).flat()
  await expect
    .poll(async () => (await acceptedOf(inbox, 'tabs')).unique.size, {
      timeout: 60_000,
    })
    .toBe(120)
  expect([...(await acceptedOf(inbox, 'tabs')).unique].sort()).toEqual([...ids].sort())
  // Which tab sent a request: its Referer carries the tab's query.
  const requests = (await inbox.log()).map((entry) => ({
    tab: new URL(String(entry.headers.referer)).searchParams.get('tab'),
    from: entry.at,
    to: entry.endedAt ?? Infinity,
  }))
  const overlaps = requests.filter((one) =>
    requests.some((other) => other.tab !== one.tab && other.from < one.to && one.from < other.to),
  )
  expect(overlaps).toEqual([])
  const { duplicates } = await acceptedOf(inbox, 'tabs')
  console.info(`tabs: 120 delivered, ${duplicates} duplicates, ${requests.length} requests`)
  expect(tabs.flatMap(({ pageErrors }) => pageErrors)).toEqual([])
})
