// Delivery when the page itself is hostile (SPEC §5): IndexedDB that will not open, a full disk
// quota, the queue bound, a strict CSP, a host page that broke JSON or fetch. The npm build runs
// as an app bundles it (dist/index.js and its dependencies, bundled here with esbuild and injected
// before any page script), so a test can give it options and read what onError was told. Each
// test writes its row to test/artifacts/faults.json for `node scripts/faultTable.mjs`.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, onTestFinished } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright'
import type { FlushResult, Tracker, TrackerOptions } from '../../src/types'
import { startCollector } from '../support/collector'
import { createInbox, type Inbox } from '../support/inbox'
import { countOf, createTally } from '../support/faultRows'
import { launch, openPage, pageUrl, sdkLoaded } from '../support/chromium'

/** What onError was told, as plain data the test can read back. */
interface Told {
  code: string
  message: string
  cause: string
}
/** What the page holds: the bundled SDK, the tracker, and what onError was told. */
interface FaultWindow {
  touchtrailSdk: { createTracker(options: TrackerOptions): Tracker }
  touchtrail: Tracker
  faultErrors: Told[]
}
// What the tests call in the page: the tracker, untyped as page scripts are.
declare const touchtrail: {
  track(type: string, props?: unknown): string | undefined
  flush(): Promise<FlushResult>
}

let collector: Awaited<ReturnType<typeof startCollector>>
let browser: Browser
let context: BrowserContext
let sdk: string
beforeAll(async () => {
  const bundled = build({
    entryPoints: [fileURLToPath(new URL('../../dist/index.js', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'touchtrailSdk',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  })
  ;[collector, browser, sdk] = await Promise.all([
    startCollector(),
    launch(),
    // Playwright runs an init script inside a function: make the global by hand.
    bundled.then(({ outputFiles: [out] }) => `${out.text}\nwindow.touchtrailSdk = touchtrailSdk`),
  ])
})
afterAll(async () => {
  await browser?.close()
  await collector?.close()
})
beforeEach(async () => {
  context = await browser.newContext() // its own IndexedDB, quota and storage
})
afterEach(() => context.close())

const tally = createTally('test/e2e/faultsPage.test.ts')

// ---- The SDK in a page ----
/**
 * Every load of `page` with a `?collector=` query gets the bundled SDK and a granted tracker with
 * `options`, before any page script; `patch`, when given, runs before the SDK (a hostile page).
 */
const startSdk = async (page: Page, options: Partial<TrackerOptions> = {}, patch?: () => void) => {
  if (patch) await page.addInitScript(patch)
  await page.addInitScript({ content: sdk })
  await page.addInitScript((given) => {
    const collector = new URLSearchParams(location.search).get('collector')
    if (!collector) return
    const w = window as unknown as FaultWindow
    w.faultErrors = []
    w.touchtrail = w.touchtrailSdk.createTracker({
      ...given,
      collector,
      consent: 'granted',
      onError: ({ code, message, cause }) => {
        const c = cause as { name?: unknown; dropped?: unknown } | null | undefined
        w.faultErrors.push({ code, message, cause: String(c?.name ?? c?.dropped ?? '') })
      },
    })
  }, options)
}

const pageFor = (inbox: Inbox) => pageUrl(collector.url, 'blank.html', { collector: inbox.url })
const toldOf = (page: Page) => page.evaluate(() => (window as unknown as FaultWindow).faultErrors)
const codesOf = async (page: Page) => (await toldOf(page)).map(({ code }) => code)

/** Tracks `count` chat_open touchpoints labelled `label`, `padBytes` of filler each; their ids. */
const trackIn = (page: Page, count: number, label: string, padBytes = 0) =>
  page.evaluate(
    ([n, provider, pad]) =>
      Array.from({ length: n }, (_, i) =>
        touchtrail.track('chat_open', { provider, trigger: 'api', n: i, pad: 'x'.repeat(pad) }),
      ),
    [count, label, padBytes] as const,
  )

/** Records in the queue database; 0 while it does not exist (and this does not create it). */
const storedIn = (page: Page, name = 'touchtrail') =>
  page.evaluate(
    (db) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open(db)
        open.onupgradeneeded = () => open.transaction?.abort()
        open.onerror = (event) => {
          event.preventDefault()
          resolve(0)
        }
        open.onsuccess = () => {
          const opened = open.result
          if (!opened.objectStoreNames.contains('queue')) return (opened.close(), resolve(0))
          const count = opened.transaction('queue').objectStore('queue').count()
          count.onsuccess = () => (opened.close(), resolve(count.result))
          count.onerror = () => (opened.close(), resolve(0))
        }
      }),
    name,
  )

const delivered = async (inbox: Inbox, sent: Array<string | undefined>) =>
  (await countOf(inbox, sent)).delivered

// ---- IndexedDB will not open ----
const NO_INDEXEDDB: Array<[string, string, () => void]> = [
  [
    'open-throws',
    'indexedDB.open() throws SecurityError',
    () => {
      IDBFactory.prototype.open = () => {
        throw new DOMException(
          'The user denied permission to access the database.',
          'SecurityError',
        )
      }
    },
  ],
  [
    'open-errors',
    'the open request fires error (InvalidStateError)',
    () => {
      // What Firefox's private mode did: a request that fails a moment later.
      IDBFactory.prototype.open = function () {
        const request = Object.assign(new EventTarget(), {
          result: undefined,
          readyState: 'done',
          source: null,
          transaction: null,
          error: new DOMException(
            'A mutation operation was attempted on a database that did not ' + 'allow mutations.',
            'InvalidStateError',
          ),
          onsuccess: null,
          onerror: null,
          onupgradeneeded: null,
          onblocked: null,
        }) as unknown as IDBOpenDBRequest
        setTimeout(() => {
          const event = new Event('error')
          request.dispatchEvent(event)
          request.onerror?.call(request, event)
        })
        return request
      }
    },
  ],
  [
    'missing',
    'window.indexedDB is undefined',
    () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true })
    },
  ],
]

it.each(NO_INDEXEDDB)(
  'queues in memory and delivers when IndexedDB fails: %s',
  async (slug, what, patch) => {
    const t = tally(`storage/no-indexeddb-${slug}`, `IndexedDB unavailable: ${what}`)
    const inbox = (t.inbox = createInbox(collector.url))
    const { page, pageErrors } = await openPage(context)
    await startSdk(page, {}, patch)
    await page.goto(pageFor(inbox))
    t.sent.push(...(await trackIn(page, 30, 'memory')))
    await page.evaluate(() => touchtrail.flush())
    t.sent.push(...(await trackIn(page, 10, 'memory'))) // and more after the switch to memory
    await page.evaluate(() => touchtrail.flush())
    await expect.poll(() => delivered(inbox, t.sent), { timeout: 15_000 }).toBe(40)
    const codes = await codesOf(page)
    t.note.push(`onError: ${codes.join(', ') || 'nothing'}`)
    expect(codes.filter((code) => code === 'storage_unavailable')).toHaveLength(1)
    expect((await countOf(inbox, t.sent)).duplicates).toBe(0)
    expect(pageErrors).toEqual([])
  },
)

// ---- IndexedDB full ----
it('moves to memory when IndexedDB is over quota, reports storage_quota, delivers all', async () => {
  const t = tally('storage/quota', 'IndexedDB over quota (400 KB origin quota) mid-page')
  const inbox = (t.inbox = createInbox(collector.url))
  const { page, pageErrors } = await openPage(context)
  // A real QuotaExceededError from Chromium's quota manager, not a stand-in.
  const cdp = await context.newCDPSession(page)
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: collector.url, quotaSize: 400_000 })
  // Hardly anything is sent until the test flushes (a send the SDK starts on its own aside).
  await startSdk(page, { batch: { maxEvents: 500, intervalMs: 600_000 } })
  await page.goto(pageFor(inbox))
  let inIndexedDb = 0
  for (let burst = 0; burst < 8; burst++) {
    // Random filler: IndexedDB compresses, and a run of one letter would hardly count.
    t.sent.push(
      ...(await page.evaluate(() =>
        Array.from({ length: 50 }, (_, n) => {
          const pad = Array.from(crypto.getRandomValues(new Uint8Array(500)), (byte) =>
            byte.toString(16).padStart(2, '0'),
          ).join('')
          return touchtrail.track('chat_open', { provider: 'quota', trigger: 'api', n, pad })
        }),
      )),
    )
    // Wait for the burst's write: into IndexedDB, or refused and moved to memory.
    await expect
      .poll(
        async () =>
          (await codesOf(page)).includes('storage_quota') ||
          // Stored, or already delivered by a send the SDK started on its own.
          (inIndexedDb = await storedIn(page)) + (await delivered(inbox, t.sent)) >= t.sent.length,
        { timeout: 10_000 },
      )
      .toBe(true)
  }
  const codes = await codesOf(page)
  t.note.push(
    `${inIndexedDb} written to IndexedDB before the quota hit; onError: ${
      codes.join(', ') || 'nothing'
    }`,
  )
  expect(codes).toContain('storage_quota')
  const flushed = await page.evaluate(() => touchtrail.flush())
  // flush() has sent all it will: a short wait for anything still on its way.
  await expect
    .poll(() => delivered(inbox, t.sent), { timeout: 5_000 })
    .toBe(400)
    .catch(() => undefined) // counted below
  const onThisPage = await delivered(inbox, t.sent)
  const stranded = await storedIn(page)
  t.note.push(
    `flush() gave ${JSON.stringify(flushed)}; ${onThisPage} delivered by this page, ` +
      `${stranded} left in IndexedDB`,
  )
  // The next page of the site reads what IndexedDB still holds.
  await page.reload()
  await page.evaluate(() => touchtrail.flush())
  await expect
    .poll(() => delivered(inbox, t.sent), { timeout: 20_000 })
    .toBe(400)
    .catch(() => undefined)
  t.note.push(`${await delivered(inbox, t.sent)} delivered after the next load`)
  expect(codes.filter((code) => code === 'storage_quota')).toHaveLength(1)
  expect(pageErrors).toEqual([])
  expect(await delivered(inbox, t.sent), 'lost even after the next load').toBe(400)
  expect(onThisPage, 'touchpoints stuck in IndexedDB while the page lives').toBe(400)
})

// ---- The queue bound ----
it('drops the 30 oldest of 80 past queue.maxEvents 50 while the collector is down', async () => {
  const t = tally('storage/queue-bound', 'queue.maxEvents 50, collector down (503), 80 tracked')
  const inbox = (t.inbox = createInbox(collector.url))
  await inbox.script([], { status: 503 })
  const { page, pageErrors } = await openPage(context)
  await startSdk(page, { queue: { maxEvents: 50 }, batch: { intervalMs: 600_000 } })
  await page.goto(pageFor(inbox))
  t.sent.push(...(await trackIn(page, 80, 'bound')))
  t.owed = t.sent.slice(30)
  await expect.poll(async () => (await inbox.log()).length, { timeout: 10_000 }).toBeGreaterThan(0)
  await inbox.script([], { status: 200 })
  // No flush: the SDK retries on its own once the backoff has passed.
  await expect.poll(() => delivered(inbox, t.owed ?? []), { timeout: 30_000 }).toBe(50)
  const told = (await toldOf(page)).filter(({ code }) => code === 'queue_overflow')
  const early = new Set(t.sent.slice(0, 30))
  const leaked = (await inbox.touchpoints()).filter(({ id }) => early.has(id)).length
  t.note.push(
    `${leaked} of the 30 oldest delivered; queue_overflow told ${told.length}× ` +
      `(dropped ${told.map(({ cause }) => cause).join(', ')})`,
  )
  expect(leaked).toBe(0)
  expect(told).toHaveLength(1)
  expect(told[0].cause).toBe('30')
  expect(pageErrors).toEqual([])
})

// ---- A strict Content-Security-Policy ----
/**
 * A site on its own origin serving `html` under `csp`, and dist/ beside it as a site would host
 * the script tag. (A page from playwright's route.fulfill has no address space, and Chromium's
 * Local Network Access then blocks its requests to the loopback collector.)
 */
const startSite = async (html: string, csp: string) => {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname
    if (path === '/') {
      res.writeHead(200, {
        'Content-Type': 'text/html;charset=utf-8',
        'Content-Security-Policy': csp,
      })
      return res.end(html)
    }
    const file = /^\/(touchtrail\.\w+\.js)$/.exec(path)?.[1]
    readFile(fileURLToPath(new URL(`../../dist/${file}`, import.meta.url))).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': 'text/javascript;charset=utf-8' })
        res.end(body)
      },
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((end) => server.close(end)) }
}

it('runs the script tag and the chunks it imports under a strict CSP', async () => {
  const t = tally(
    'host/csp',
    "strict CSP: script-src 'self', connect-src the collector's origin only; lazy chunks",
  )
  const inbox = (t.inbox = createInbox(collector.url))
  const csp =
    `default-src 'none'; script-src 'self'; connect-src ${collector.url}; ` +
    "base-uri 'none'; object-src 'none'"
  // It names vitals and chat_open: the tag import()s touchtrail.vitals.js and touchtrail.chat.js.
  const site = await startSite(
    `<!doctype html><title>csp</title><h1>csp</h1>
    <script async src="/touchtrail.global.js" data-collector="${inbox.url}"
      data-consent="granted" data-capture="page_view,chat_open,vitals"></script>`,
    csp,
  )
  onTestFinished(() => void site.close())
  const { page, pageErrors, consoleErrors } = await openPage(context)
  // Init scripts run whatever the CSP says: a violation log, and a stand-in Intercom whose
  // onShow the chat chunk hooks once it has loaded.
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[]; Intercom: unknown; faultShow(): void }
    w.violations = []
    document.addEventListener('securitypolicyviolation', (event) =>
      w.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    )
    w.Intercom = (command: string, handler: () => void) => {
      if (command === 'onShow') w.faultShow = handler
    }
  })
  const response = await page.goto(site.url)
  expect(response?.headers()['content-security-policy']).toBe(csp)
  await sdkLoaded(page)
  await expect
    .poll(() =>
      page.evaluate(() => typeof (window as unknown as { faultShow?: unknown }).faultShow),
    )
    .toBe('function') // the chat chunk ran
  t.sent.push(
    await page.evaluate(() => {
      ;(window as unknown as { faultShow: () => void }).faultShow()
      return touchtrail.track('chat_open', { provider: 'csp', trigger: 'api' })
    }),
  )
  const chunks = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map(({ name }) => new URL(name).pathname)
      .filter((path) => /touchtrail\.\w+\.js$/.test(path)),
  )
  const violations = await page.evaluate(
    () => (window as unknown as { violations: string[] }).violations,
  )
  await page.goto(pageUrl(collector.url, 'blank.html')) // hides the page: vitals are sent
  const types = async () =>
    (await inbox.touchpoints()).map(({ type, props }) =>
      type === 'chat_open' ? `chat_open:${(props as { provider: string }).provider}` : type,
    )
  const all = ['chat_open:csp', 'chat_open:intercom', 'page_view', 'page_vitals']
  await expect
    .poll(async () => [...new Set(await types())].sort(), { timeout: 15_000 })
    .toEqual(all)
    .catch(() => undefined) // the assertions below say what is missing
  const got = [...new Set(await types())].sort()
  t.sent.push(
    ...(await inbox.touchpoints())
      .filter(({ props }) => (props as { provider?: string }).provider !== 'csp')
      .map(({ id }) => id),
  )
  t.note.push(
    `chunks loaded: ${chunks.sort().join(', ')}; violations: ${violations.length}; ` +
      `types delivered: ${got.join(', ')}`,
  )
  expect(chunks.sort()).toEqual([
    '/touchtrail.chat.js',
    '/touchtrail.global.js',
    '/touchtrail.vitals.js',
  ])
  expect(violations).toEqual([])
  expect([...pageErrors.map(String), ...consoleErrors]).toEqual([])
  expect(got).toEqual(all)
})

// ---- A host page that broke the globals the SDK might use ----
const HOSTILE: Array<[string, string, () => void, boolean]> = [
  [
    'json-stringify-throws',
    'JSON.stringify throws',
    () => {
      JSON.stringify = () => {
        throw new TypeError('JSON.stringify is broken')
      }
    },
    true,
  ],
  [
    'json-stringify-undefined',
    'JSON.stringify returns undefined',
    () => {
      JSON.stringify = (() => undefined) as unknown as typeof JSON.stringify
    },
    true,
  ],
  [
    'json-parse-throws',
    'JSON.parse throws',
    () => {
      JSON.parse = () => {
        throw new SyntaxError('JSON.parse is broken')
      }
    },
    true,
  ],
  [
    'array-tojson',
    'Array.prototype.toJSON returns a string (old Prototype.js)',
    () => {
      // Prototype.js assigned it, so it is enumerable too.
      ;(Array.prototype as unknown as { toJSON: () => string }).toJSON = function () {
        return `"${String(this)}"`
      }
    },
    true,
  ],
  [
    'fetch-throws',
    'window.fetch throws',
    () => {
      window.fetch = () => {
        throw new TypeError('fetch is broken')
      }
    },
    false,
  ],
  [
    'fetch-undefined',
    'window.fetch resolves to undefined',
    () => {
      window.fetch = () => Promise.resolve(undefined as unknown as Response)
    },
    false,
  ],
]
const WHEN = ['before', 'after'] as const

it.each(
  HOSTILE.flatMap(([slug, what, patch, deliverable]) =>
    WHEN.map((when) => [slug, what, when, patch, deliverable || when === 'after'] as const),
  ),
)(
  'delivers or fails quietly when %s (%s), patched %s the SDK loads',
  async (slug, what, when, patch, deliverable) => {
    const t = tally(`host/${slug}-${when}`, `${what}, ${when} the SDK loads`)
    const inbox = (t.inbox = createInbox(collector.url))
    const { page, pageErrors } = await openPage(context)
    await startSdk(page, { batch: { intervalMs: 200 } }, when === 'before' ? patch : undefined)
    // A campaign visit: classifying it must not need the page's JSON either.
    await page.goto(`${pageFor(inbox)}&utm_source=newsletter&utm_medium=email&utm_campaign=hostile`)
    if (when === 'after') await page.evaluate(patch)
    const run = await page.evaluate(async () => {
      const ids = Array.from({ length: 5 }, (_, n) =>
        touchtrail.track('chat_open', {
          provider: 'hostile',
          trigger: 'api',
          n,
          list: [n, 'two'],
          nested: { deep: [[n]] },
        }),
      )
      return { ids, flushed: await touchtrail.flush() }
    })
    t.sent.push(...run.ids)
    if (!deliverable) t.owed = []
    if (deliverable) {
      await expect.poll(() => delivered(inbox, t.sent), { timeout: 15_000 }).toBe(5)
      const got = await inbox.touchpoints()
      expect(got[0].props).toEqual({
        provider: 'hostile',
        trigger: 'api',
        n: 0,
        list: [0, 'two'],
        nested: { deep: [[0]] },
      })
      expect(got.map(({ channel }) => channel)).toEqual(got.map(() => 'email'))
      expect(got[0].context.campaign).toEqual({
        source: 'newsletter',
        medium: 'email',
        name: 'hostile',
      })
    } else {
      await expect.poll(() => codesOf(page)).toContain('delivery_failed')
    }
    const codes = await codesOf(page)
    t.note.push(
      `${deliverable ? 'delivers' : 'cannot deliver: fails quietly'}; flush() gave ${JSON.stringify(
        run.flushed,
      )}; onError: ${codes.join(', ') || 'nothing'}`,
    )
    expect(run.ids.every((id) => typeof id === 'string')).toBe(true)
    expect(codes.filter((code) => code === 'delivery_failed').length).toBeLessThanOrEqual(1)
    expect(pageErrors).toEqual([])
  },
)

it('gives up on a hanging request even when the page wraps fetch and drops its signal', async () => {
  const t = tally(
    'host/fetch-drops-signal',
    'page wraps fetch, dropping init.signal; collector hangs once',
  )
  const inbox = (t.inbox = createInbox(collector.url))
  await inbox.script([{ hang: true }], { status: 200 })
  const { page, pageErrors } = await openPage(context)
  await startSdk(page, { batch: { intervalMs: 200 } }, () => {
    // A wrapper that copies the fields it knows: signal and keepalive are left behind.
    const original = window.fetch
    window.fetch = (input, init) =>
      original(input, {
        method: init?.method,
        body: init?.body,
        headers: init?.headers,
        credentials: init?.credentials,
      })
  })
  await page.goto(pageFor(inbox))
  t.sent.push(...(await trackIn(page, 5, 'signal')))
  await page.evaluate(() => {
    const w = window as unknown as { faultFlushed: boolean }
    w.faultFlushed = false
    void touchtrail.flush().then(() => (w.faultFlushed = true))
  })
  const settled = await expect
    .poll(
      () => page.evaluate(() => (window as unknown as { faultFlushed: boolean }).faultFlushed),
      { timeout: 16_000 },
    )
    .toBe(true)
    .then(
      () => true,
      () => false,
    )
  t.note.push(`flush() ${settled ? 'settled' : 'still pending after 16 s'}`)
  expect(settled, 'flush() never settles: the hung request holds the send lock').toBe(true)
  await expect.poll(() => delivered(inbox, t.sent), { timeout: 15_000 }).toBe(5)
  expect(pageErrors).toEqual([])
})
