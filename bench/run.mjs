// `npm run bench`: touchtrail against the SDKs users would pick instead, in real Chromium.
// Installs bench/'s own dependencies when they are missing, then writes bench/results/latest.md
// and latest.json. Options: --runs=N (default 3), --only=name,name (touchtrail is always in).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
// Needs nothing installed; the modules that need esbuild or Playwright are imported after the
// install step below.
import { failures, mediansOf, renderPage } from './lib/report.mjs'

const BENCH = fileURLToPath(new URL('.', import.meta.url))
const NEEDED = [
  'esbuild',
  'playwright',
  '@segment/analytics-next',
  '@rudderstack/analytics-js',
  'posthog-js',
  '@snowplow/browser-tracker',
  '@amplitude/analytics-browser',
]
// The whole run must stop by itself; past this something hangs, and a partial table helps no one.
const DEADLINE_MS = 15 * 60_000

const installIfMissing = () => {
  if (NEEDED.every((name) => existsSync(`${BENCH}node_modules/${name}/package.json`))) return
  console.log('bench: installing bench/ dependencies (npm ci --prefix bench)')
  const result = spawnSync('npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    timeout: 5 * 60_000,
  })
  if (result.status !== 0) {
    console.error('bench: npm ci --prefix bench failed')
    process.exit(1)
  }
}

const argument = (name, fallback) => {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`))
  return found ? found.slice(name.length + 3) : fallback
}

const versionOf = async (name) => {
  const path =
    name === 'touchtrail' ? `${BENCH}../package.json` : `${BENCH}node_modules/${name}/package.json`
  return JSON.parse(await readFile(path, 'utf8')).version
}

const LANES = 2

// Runs `job` over `items`, at most `lanes` at a time.
const inLanes = async (items, lanes, job) => {
  const waiting = [...items]
  const lane = async () => {
    while (waiting.length) await job(waiting.shift())
  }
  await Promise.all(Array.from({ length: lanes }, lane))
}

const log = (...parts) =>
  console.log(`bench [${(performance.now() / 1000).toFixed(0)} s]`, ...parts)

const main = async () => {
  installIfMissing()
  const { contenders: all } = await import('./contenders/list.mjs')
  const { createEnv } = await import('./lib/env.mjs')
  const scenarios = await import('./lib/scenarios.mjs')

  const runs = Math.max(1, Number(argument('runs', '3')))
  const only = argument('only', '')
  const contenders = all.filter(
    (c) => !only || c.name === 'touchtrail' || only.split(',').includes(c.name),
  )
  const loadBefore = loadavg()
  const env = await createEnv(contenders)
  const results = contenders.map((c) => ({ ...c, sizes: env.sizes[c.name], runs: {}, medians: {} }))
  const record = (result, scenario, value) => {
    ;(result.runs[scenario] ??= []).push(value)
    log(result.name, scenario, JSON.stringify(value))
  }
  // One failed run (a page that would not load on a busy machine) leaves a gap, not a dead bench;
  // the smoke test above is what must pass.
  const attempt = async (result, scenario, job) => {
    try {
      record(result, scenario, await job())
    } catch (error) {
      record(result, scenario, { error: String(error.message ?? error).slice(0, 500) })
    }
  }
  let chromium
  try {
    // Every contender must deliver to the local collector before anything is measured.
    await env.inBrowser(async (browserEnv) => {
      chromium = browserEnv.chromiumVersion
      await Promise.all(
        results.map(async (result) =>
          record(result, 'smoke', await scenarios.smoke(browserEnv, result.name)),
        ),
      )
      record(results[0], 'scriptTag', await scenarios.scriptTag(browserEnv))
    })
    for (let run = 0; run < runs; run++) {
      // Timing: one contender at a time, each scenario in a fresh Chromium (killed after, with
      // whatever work the contender left behind), contenders interleaved so noise spreads evenly.
      for (const result of results) {
        for (const scenario of ['trackCost', 'burst']) {
          await attempt(result, scenario, () =>
            env.inBrowser((browserEnv) => scenarios[scenario](browserEnv, result.name)),
          )
        }
      }
      // Bytes and durability hardly depend on speed: two contenders at a time, one per core.
      await inLanes(results, LANES, (result) =>
        env.inBrowser(async (browserEnv) => {
          await attempt(result, 'wire', () => scenarios.wire(browserEnv, result.name))
          await attempt(result, 'durability', () => scenarios.durability(browserEnv, result.name))
        }),
      )
    }
  } finally {
    await env.close()
  }
  for (const result of results) {
    for (const [scenario, values] of Object.entries(result.runs)) {
      result.medians[scenario] = mediansOf(values)
    }
    const external = Object.values(result.runs)
      .flat()
      .reduce(
        (sum, value) =>
          sum + (Array.isArray(value.external) ? value.external.length : (value.external ?? 0)),
        0,
      )
    result.medians.external = { count: external }
  }
  const versions = Object.fromEntries(
    await Promise.all(['touchtrail', ...NEEDED].map(async (name) => [name, await versionOf(name)])),
  )
  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    chromium,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    runs,
    // The machine is shared: a high load average makes every timing row slower and noisier.
    loadAverage: { before: loadBefore, after: loadavg() },
    versions,
  }
  await writeResults({ environment, results, failed: failures(results) })
}

const writeResults = async (json) => {
  await mkdir(`${BENCH}results`, { recursive: true })
  const page = renderPage(json)
  await writeFile(`${BENCH}results/latest.md`, page)
  await writeFile(`${BENCH}results/latest.json`, JSON.stringify(json, null, 2) + '\n')
  console.log(`\n${page}`)
}

const deadline = setTimeout(() => {
  console.error(`bench: still running after ${DEADLINE_MS / 60_000} min; giving up`)
  process.exit(1)
}, DEADLINE_MS)
deadline.unref()

main().then(
  () => process.exit(0),
  (error) => {
    console.error('bench failed:', error)
    process.exit(1)
  },
)
