// npm run simulate [-- N]: sends N headless visitors through the sites of a demo that is already
// running (npm run demo in another terminal). It talks to the demo over HTTP only, so it never
// opens the demo's DuckDB file, which one process at a time may hold.
import { parseArgs } from 'node:util'
import { demoPorts, PORT_HELP, PORT_OPTIONS } from '../shared/ports.mjs'
import { simulateVisitors } from './simulate.mjs'
import { logSummary } from './summary.mjs'

const DEFAULT_VISITORS = 12

const HELP = `npm run simulate [-- [N] [options]]

  Sends N simulated visitors (default ${DEFAULT_VISITORS}) through the running demo's storefront
  and blog in headless Chromium. Start the demo first: npm run demo. Give the same port
  flags (or TOUCHTRAIL_*_PORT variables) as the demo if you changed them.

${PORT_HELP}
  --screenshot FILE   then save a 1440×900 picture of the journey map
  --help`

const fail = (message, code = 1) => {
  console.error(message)
  process.exit(code)
}

let parsed
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      ...PORT_OPTIONS,
      screenshot: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
} catch (error) {
  fail(`${error.message}\n\n${HELP}`, 2)
}
const { values: flags, positionals } = parsed
if (flags.help) {
  console.log(HELP)
  process.exit(0)
}
const count = positionals.length === 0 ? DEFAULT_VISITORS : Number(positionals[0])
if (positionals.length > 1 || !Number.isInteger(count) || count < 1)
  fail(`npm run simulate takes a number of visitors, not ${positionals.join(' ')}`, 2)

let ports
try {
  ports = demoPorts(flags)
} catch (error) {
  fail(error.message, 2)
}
const urls = {
  collector: `http://127.0.0.1:${ports.collector}`,
  storefront: `http://127.0.0.1:${ports.shop}`,
  blog: `http://localhost:${ports.blog}`,
}
// The journey API may ask for the read token the demo was started with.
const token = process.env.TOUCHTRAIL_READ_TOKEN
const headers = token ? { Authorization: `Bearer ${token}` } : {}

// Say plainly when there is no demo to drive, instead of 12 failed visitors.
const reachable = async (url) => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3_000) })
    return true
  } catch {
    return false
  }
}
const missing = []
for (const [name, url] of Object.entries(urls))
  if (!(await reachable(`${url}/`))) missing.push(`${name} (${url})`)
if (missing.length > 0)
  fail(
    `No running demo answers at ${missing.join(', ')}.\n` +
      'Start the demo first, in another terminal: npm run demo\n' +
      'then run npm run simulate again (with the same port flags, if you changed them).\n' +
      'Or do both in one go: npm run demo -- --simulate 12',
  )

console.log(
  `simulating ${count} ${count === 1 ? 'visitor' : 'visitors'} in headless Chromium against the running demo…`,
)
const result = await simulateVisitors({
  count,
  shopUrl: urls.storefront,
  blogUrl: urls.blog,
  log: (line) => console.log(`  ${line}`),
})
try {
  await logSummary({ collectorUrl: urls.collector, result, headers })
} catch (error) {
  console.log(`(could not read the collector's totals: ${error.message})`)
}
if (flags.screenshot) {
  const { screenshotJourneyMap } = await import('./screenshot.mjs')
  await screenshotJourneyMap({ collectorUrl: urls.collector, path: flags.screenshot })
  console.log(`journey map saved to ${flags.screenshot}`)
}
console.log(`\nopen ${urls.collector}/journey/ to see their journeys.`)
process.exit(result.failed > 0 ? 1 : 0)
