// npm run demo: the collector (DuckDB), the storefront (npm entry) and the blog (script tag) on
// 127.0.0.1, and the journey map at <collector>/journey/. --simulate N sends N headless visitors.
import { existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { collectorOptions, flagHelp, flagSpecs } from './collector/flags.mjs'
import { DEFAULT_DB_PATH, startCollector } from './collector/server.mjs'
import { isPostgresUrl } from './collector/store.mjs'
import { startSite } from './shared/site.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const repo = join(here, '..')

// The collector's flags pass through (--db, --read-token, --quiet, …); its port is ours.
const COLLECTOR_FLAG_NAMES = Object.keys(flagSpecs()).filter((name) => name !== 'port')

const HELP = `npm run demo [-- options]

  --collector-port N  collector and journey viewer  (env TOUCHTRAIL_COLLECTOR_PORT, default 8787)
  --shop-port N       storefront                    (env TOUCHTRAIL_SHOP_PORT, default 8788)
  --blog-port N       blog                          (env TOUCHTRAIL_BLOG_PORT, default 8789)
  --simulate N        drive N visitors through the sites in headless Chromium
  --screenshot FILE   then save a 1440×900 picture of the journey map (with --simulate)
  --exit              stop once the simulation is done (with --simulate)
  --help

The collector's own flags (the DuckDB file defaults to ${relative(repo, DEFAULT_DB_PATH)}):
${flagHelp(COLLECTOR_FLAG_NAMES)}`

const { values: flags } = parseArgs({
  options: {
    'collector-port': { type: 'string' },
    'shop-port': { type: 'string' },
    'blog-port': { type: 'string' },
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

const port = (flag, env, fallback) => {
  const value = Number(flags[flag] ?? process.env[env] ?? fallback)
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    console.error(`--${flag} must be a port number, not ${flags[flag] ?? process.env[env]}`)
    process.exit(2)
  }
  return value
}
const ports = {
  collector: port('collector-port', 'TOUCHTRAIL_COLLECTOR_PORT', 8787),
  shop: port('shop-port', 'TOUCHTRAIL_SHOP_PORT', 8788),
  blog: port('blog-port', 'TOUCHTRAIL_BLOG_PORT', 8789),
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
const running = []
const stopAll = async () => {
  // Sites first, the collector last: its close() waits for pending inserts and closes DuckDB.
  for (const server of running.reverse()) await server.close().catch(() => {})
}

try {
  const collector = await startCollector({
    ...collectorSettings,
    port: ports.collector,
    dbPath,
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
  const blog = await startSite({
    name: 'blog',
    root: join(here, 'blog'),
    port: ports.blog,
    collectorUrl: collector.url,
    replacements: { SHOP_URL: shop.url },
  })
  running.push(blog)

  console.log(`
touchtrail demo
  storefront      ${shop.url}/            npm entry, consent granted
  blog            ${blog.url}/            script tag, consent banner
  journey map     ${collector.url}/journey/
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
    const [funnel, channels] = await Promise.all([
      fetch(`${collector.url}/api/funnel`, { headers: readHeaders }).then((r) => r.json()),
      fetch(`${collector.url}/api/channels`, { headers: readHeaders }).then((r) => r.json()),
    ])
    const touchpoints = channels.rows.reduce((sum, row) => sum + row.touchpoints, 0)
    console.log(
      `\nsimulated ${result.visitors} visitors (${result.failed} failed); the collector holds ` +
        `${touchpoints} touchpoints from ${funnel.visitors} visitors.`,
    )
    console.log('funnel: ' + funnel.stages.map((s) => `${s.stage} ${s.visitors}`).join(' → '))
    if (flags.screenshot) {
      const { screenshotJourneyMap } = await import('./simulate/screenshot.mjs')
      await screenshotJourneyMap({ collectorUrl: collector.url, path: flags.screenshot })
      console.log(`journey map saved to ${flags.screenshot}`)
    }
    if (flags.exit) await stop(result.failed > 0 ? 1 : 0)
    console.log(`\nopen ${collector.url}/journey/ to see their journeys.`)
  }
  if (!stopping) console.log('Ctrl-C to stop.')
} catch (error) {
  console.error(
    `\n${error.message}${/port/.test(error.message) ? ' (npm run demo -- --help)' : ''}`,
  )
  await stopAll()
  process.exit(1)
}
