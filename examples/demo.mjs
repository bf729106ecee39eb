// npm run demo: the collector (DuckDB), the storefront (npm entry) and the blog (script tag) on
// 127.0.0.1, and the journey map at <collector>/journey/. --simulate N sends N headless visitors;
// npm run simulate does it for a demo already running.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { collectorOptions, flagHelp, flagSpecs } from './collector/flags.mjs'
import { DEFAULT_DB_PATH, startCollector } from './collector/server.mjs'
import { demoPorts, PORT_HELP, PORT_OPTIONS } from './shared/ports.mjs'
import { isPostgresUrl } from './collector/store.mjs'
import { startSite } from './shared/site.mjs'
import { logSummary } from './simulate/summary.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const repo = join(here, '..')

// The collector's flags pass through (--db, --read-token, --quiet, …); its port is ours.
const COLLECTOR_FLAG_NAMES = Object.keys(flagSpecs()).filter((name) => name !== 'port')

const HELP = `npm run demo [-- options]

${PORT_HELP}
  --simulate N        drive N visitors through the sites in headless Chromium
                      (for a demo already running: npm run simulate -- N)
  --screenshot FILE   then save a 1440×900 picture of the journey map (with --simulate)
  --exit              stop once the simulation is done (with --simulate)
  --help

The collector's own flags (the DuckDB file defaults to ${relative(repo, DEFAULT_DB_PATH)}):
${flagHelp(COLLECTOR_FLAG_NAMES)}`

const { values: flags } = parseArgs({
  options: {
    ...PORT_OPTIONS,
    ...flagSpecs(COLLECTOR_FLAG_NAMES),
    simulate: { type: 'string' },
    screenshot: { type: 'string' },
    exit: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})
if (flags.help) {
  console.log(HELP)
  process.exit(0)
}

let ports
try {
  ports = demoPorts(flags)
} catch (error) {
  console.error(error.message)
  process.exit(2)
}
const simulate = flags.simulate === undefined ? 0 : Number(flags.simulate)
if (!Number.isInteger(simulate) || simulate < 0) {
  console.error(`--simulate takes a number of visitors, not ${flags.simulate}`)
  process.exit(2)
}
for (const file of ['index.js', 'touchtrail.global.js']) {
  if (!existsSync(join(repo, 'dist', file))) {
    console.error(
      `dist/${file} is missing: build the SDK first (npm run build; npm run demo does it).`,
    )
    process.exit(1)
  }
}

// The storefront imports these from the npm entry; say so now rather than show a blank shop.
const sdk = await import('../dist/index.js')
const missing = [
  'createTracker',
  'capturePageViews',
  'captureFormSubmits',
  'captureChatOpens',
  'captureReviewReads',
].filter((name) => typeof sdk[name] !== 'function')
if (missing.length > 0) {
  console.error(`dist/index.js does not export ${missing.join(', ')}: the storefront needs them.`)
  process.exit(1)
}

let collectorFlags
try {
  collectorFlags = collectorOptions(flags, process.env, COLLECTOR_FLAG_NAMES)
} catch (error) {
  console.error(error.message)
  process.exit(2)
}
const { quiet = false, ...collectorSettings } = collectorFlags
const dbPath = collectorSettings.dbPath ?? DEFAULT_DB_PATH
// The demo reads the API itself after a simulation: with the token, when one is set.
const readHeaders = collectorSettings.readToken
  ? { Authorization: `Bearer ${collectorSettings.readToken}` }
  : {}
const shown = (path) =>
  relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path)
// The journey page links the sites when it has nothing to show: it reads their URLs from
// /demo/sites.json, a file the demo writes in a folder of its own and serves beside the viewer.
const demoDir = mkdtempSync(join(tmpdir(), 'touchtrail-demo-'))
const running = []
const stopAll = async () => {
  // Sites first, the collector last: its close() waits for pending inserts and closes DuckDB.
  for (const server of running.reverse()) await server.close().catch(() => {})
  rmSync(demoDir, { recursive: true, force: true })
}

// A second demo (or collector) on the same DuckDB file or ports fails; say what to do instead.
const explain = (error) => {
  const again = 'To add visitors to the demo that is running, run: npm run simulate'
  if (/Could not set lock|Conflicting lock/i.test(error.message)) {
    const pid = /PID (\d+)/.exec(error.message)?.[1]
    return (
      `The DuckDB file ${shown(dbPath)} is already open in another process` +
      `${pid ? ` (PID ${pid})` : ''}, most likely a demo that is still running: ` +
      'a DuckDB file takes one process at a time.\n' +
      `${again}\n` +
      'Or stop the other demo first (Ctrl-C in its terminal), or give this one its own file: ' +
      'npm run demo -- --db demo2.duckdb (and other ports: npm run demo -- --help).'
    )
  }
  if (/already in use/.test(error.message))
    return `${error.message}.\nIs a demo already running? ${again}\nOr pick other ports: npm run demo -- --help`
  return error.message
}

try {
  const collector = await startCollector({
    ...collectorSettings,
    port: ports.collector,
    dbPath,
    staticDirs: {
      '/journey/': join(here, 'journey'),
      '/sdk/': join(repo, 'dist'),
      '/demo/': demoDir,
    },
    // The CRM inbox on the collector: the hand-off goes there unless --crm-webhook says otherwise.
    crmInbox: true,
    crmSecret: collectorSettings.crmSecret ?? randomBytes(24).toString('hex'),
    log: quiet ? () => {} : (line) => console.log(`  collector  ${line}`),
  })
  running.push(collector)
  const shop = await startSite({
    name: 'storefront',
    root: join(here, 'storefront'),
    port: ports.shop,
    spa: true,
    collectorUrl: collector.url,
  })
  running.push(shop)
  // The blog is reached by another host name (same loopback address), as a brand's blog and shop
  // on two domains are: each names the other in linkDomains (SPEC §6), which matches host names.
  const blog = await startSite({
    name: 'blog',
    root: join(here, 'blog'),
    port: ports.blog,
    urlHost: 'localhost',
    collectorUrl: collector.url,
    replacements: { SHOP_URL: shop.url, SHOP_HOST: shop.host },
  })
  running.push(blog)
  shop.define({ BLOG_URL: blog.url, BLOG_HOST: blog.host })
  writeFileSync(
    join(demoDir, 'sites.json'),
    JSON.stringify({ storefront: `${shop.url}/`, blog: `${blog.url}/` }),
  )

  console.log(`
touchtrail demo
  storefront      ${shop.url}/            npm entry, consent granted
  blog            ${blog.url}/            script tag, consent banner
  journey map     ${collector.url}/journey/
  CRM inbox       ${collector.url}/crm/          hand-off → ${collector.crmWebhook}
  collector       ${collector.url}/t      → ${isPostgresUrl(dbPath) ? 'PostgreSQL' : shown(dbPath)}
`)

  let stopping = false
  const stop = async (code = 0) => {
    if (stopping) return
    stopping = true
    console.log('\nstopping: closing the servers and the store…')
    await stopAll()
    process.exit(code)
  }
  process.on('SIGINT', () => stop(0))
  process.on('SIGTERM', () => stop(0))

  if (simulate > 0) {
    const { simulateVisitors } = await import('./simulate/simulate.mjs')
    console.log(`simulating ${simulate} visitors in headless Chromium…`)
    const result = await simulateVisitors({
      count: simulate,
      shopUrl: shop.url,
      blogUrl: blog.url,
      log: (line) => console.log(`  ${line}`),
    })
    await logSummary({ collectorUrl: collector.url, result, headers: readHeaders })
    if (flags.screenshot) {
      const { screenshotJourneyMap } = await import('./simulate/screenshot.mjs')
      await screenshotJourneyMap({ collectorUrl: collector.url, path: flags.screenshot })
      console.log(`journey map saved to ${flags.screenshot}`)
    }
    if (flags.exit) await stop(result.failed > 0 ? 1 : 0)
    console.log(`\nopen ${collector.url}/journey/ to see their journeys.`)
  }
  if (!stopping)
    console.log('Ctrl-C to stop; npm run simulate (in another terminal) adds visitors.')
} catch (error) {
  console.error(`\n${explain(error)}`)
  await stopAll()
  process.exit(1)
}
