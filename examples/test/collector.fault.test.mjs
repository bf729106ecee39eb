// A collector process SIGKILLed while real Chromium delivers a burst of 1,000 touchpoints, and
// restarted on the same database 2 s later: every touchpoint arrives, each once (the SDK keeps
// unacknowledged batches and retries; the store deduplicates by id).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnCollector } from '../collector/spawn.mjs'
import { launchChromium } from '../shared/chromium.mjs'
import { startSite } from '../shared/site.mjs'
import { postgresBin, startPostgres } from '../../scripts/postgres.mjs'
import { freePort } from '../../scripts/freePort.mjs'

// Finds (or, as root on a fresh CI machine, installs) PostgreSQL while the file loads, outside
// any hook's timeout.
postgresBin()

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const sdkDir = process.env.TOUCHTRAIL_SDK_DIR || join(repo, 'dist')
const BURST = 1_000

// The page: the npm entry, consent granted, batches of 50.
const PAGE = `<!doctype html><meta charset="utf-8"><title>burst</title>
<script type="importmap">{ "imports": { "idb-keyval": "/vendor/idb-keyval/index.js",
  "web-vitals": "/vendor/web-vitals/web-vitals.js" } }</script>
<script type="module">
  import { createTracker } from '/sdk/index.js'
  window.tracker = createTracker({ collector: '%COLLECTOR_URL%/t', consent: 'granted',
    batch: { maxEvents: 50, intervalMs: 200 } })
</script>`

let browser
let pageDir
beforeAll(async () => {
  browser = await launchChromium()
  pageDir = mkdtempSync(join(tmpdir(), 'touchtrail-burst-'))
  writeFileSync(join(pageDir, 'index.html'), PAGE)
})
afterAll(async () => {
  await browser?.close()
  rmSync(pageDir, { recursive: true, force: true })
})

describe.each([
  [
    'PostgreSQL',
    async () => {
      const server = await startPostgres()
      return { db: server.url, remove: server.stop }
    },
  ],
  [
    'a DuckDB file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'touchtrail-fault-'))
      return { db: join(dir, 'fault.duckdb'), remove: async () => rmSync(dir, { recursive: true }) }
    },
  ],
])('collector killed during a burst, on %s', (_, makeDb) => {
  it('stores all 1,000 touchpoints once after a restart 2 s later', async () => {
    const { db, remove } = await makeDb()
    const port = await freePort()
    const flags = ['--db', db, '--port', String(port)]
    let collector = await spawnCollector(flags)
    const site = await startSite({
      name: 'burst',
      root: pageDir,
      collectorUrl: `http://127.0.0.1:${port}`,
      sdkDir,
    })
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      page.on('pageerror', (error) => console.error('page error:', error.message))
      await page.goto(`${site.url}/`)
      await page.waitForFunction(() => window.tracker !== undefined)

      // Killed as soon as the first batch is stored: the rest of the burst is still on its way.
      const firstStored = new Promise((resolve) => {
        const onLine = (chunk) => {
          if (/"accepted":[1-9]/.test(String(chunk))) {
            collector.child.stdout.off('data', onLine)
            resolve()
          }
        }
        collector.child.stdout.on('data', onLine)
      })
      await page.evaluate((count) => {
        for (let i = 0; i < count; i += 1) window.tracker.track('burst_item', { i })
      }, BURST)
      await firstStored
      await collector.kill()

      const stored = async () => {
        const answer = await fetch(`${collector.url}/api/journeys?limit=1`)
        return answer.ok ? ((await answer.json()).visitors[0]?.touchpoints ?? 0) : -1
      }
      // The scenario's pause before the restart, not a wait for something to happen.
      await new Promise((resolve) => setTimeout(resolve, 2_000))
      collector = await spawnCollector(flags)
      const beforeRetries = await stored()
      expect(beforeRetries).toBeLessThan(BURST)

      await expect.poll(stored, { timeout: 60_000, interval: 250 }).toBe(BURST)
      const visitor = (await (await fetch(`${collector.url}/api/journeys?limit=1`)).json())
        .visitors[0]
      const { touchpoints } = await (
        await fetch(`${collector.url}/api/journeys/${encodeURIComponent(visitor.anonymousId)}`)
      ).json()
      expect(new Set(touchpoints.map((tp) => tp.id)).size).toBe(BURST)
      expect(new Set(touchpoints.map((tp) => tp.props.i)).size).toBe(BURST)
      console.log(
        `fault: ${beforeRetries} of ${BURST} stored when the collector came back; ` +
          `${touchpoints.length} unique after the SDK's retries`,
      )
    } finally {
      await context.close()
      await site.close()
      await collector.stop()
      await remove()
    }
  })
})
