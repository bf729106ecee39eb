// npm run load [-- --seconds 60 --fill 1000000 --stores duckdb,postgres,postgres2]
// Loads the example collector the way many browsers would: autocannon, 8 connections, each
// request a batch of 50 touchpoints with ids never sent before, into a table that already holds
// --fill touchpoints. A request counts only on a 2xx, which the collector sends after COMMIT.
// Collectors run as their own processes (node examples/collector/server.mjs). Loopback only.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { spawnCollector } from '../examples/collector/spawn.mjs'
import { openStore } from '../examples/collector/store.mjs'
import { startPostgres } from './postgres.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    fill: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '8' },
    batch: { type: 'string', default: '50' },
    stores: { type: 'string', default: 'duckdb,postgres,postgres2' },
    out: { type: 'string', default: join(repo, 'bench', 'results', 'load.md') },
  },
})
const SECONDS = Number(flags.seconds)
const FILL = Number(flags.fill)
const CONNECTIONS = Number(flags.connections)
const BATCH = Number(flags.batch)

// One batch body with id placeholders; each request swaps in ids of its own.
const ID = '@ID@'
const template = JSON.stringify({
  sentAt: new Date().toISOString(),
  sdk: { name: 'touchtrail', version: '0.1.0' },
  batch: Array.from({ length: BATCH }, (_, i) => ({
    id: `${ID}${i}`,
    type: i % 5 === 0 ? 'page_view' : 'click',
    ts: new Date(Date.UTC(2026, 10, 23, 3, 0, i)).toISOString(),
    anonymousId: `load-visitor-${i % 17}`,
    sessionId: `load-session-${i % 17}`,
    userId: null,
    channel: 'organic_search',
    stage: 'consideration',
    page: {
      url: 'https://shop.example/products/espresso?ref=load',
      path: '/products/espresso',
      title: 'Espresso beans — Shop',
      referrer: 'https://www.google.com/',
    },
    props: { path: '/products/espresso', title: 'Espresso beans — Shop', target: 'button.buy' },
    context: { locale: 'en-GB', screen: '1440x900', timezone: 'Europe/London' },
  })),
}).split(ID)
const run = `${Date.now().toString(36)}-`
let requestNumber = 0
const nextBody = () => {
  const prefix = `${run}${(requestNumber++).toString(36)}-`
  return template.join(prefix)
}

// Bulk fill in SQL (both databases read generate_series and these casts): no HTTP, seconds.
const fillSql = (json, count) => `
  INSERT INTO touchpoints (id, type, ts, anonymous_id, session_id, user_id, channel, stage,
    page_url, page_path, page_title, referrer, props, context)
  SELECT 'fill-' || i, 'page_view', TIMESTAMPTZ '2026-01-01 00:00:00+00' + i * INTERVAL '1 second',
    'fill-visitor-' || (i % 50000), 'fill-session-' || (i % 200000), NULL, 'direct', 'awareness',
    'https://shop.example/', '/', 'Shop', '',
    CAST('{"path": "/", "title": "Shop"}' AS ${json}), CAST('{"locale": "en-GB"}' AS ${json})
  FROM generate_series(1, ${count}) AS g(i)`

const fill = async (db) => {
  const started = performance.now()
  const store = await openStore(db)
  // In slices, so one transaction never holds a million rows' worth of undo.
  const slice = 250_000
  for (let from = 0; from < FILL; from += slice) {
    const count = Math.min(slice, FILL - from)
    await store.exec(
      fillSql(store.dialect.json, count).replace("'fill-' || i", `'fill-' || (i + ${from})`),
    )
  }
  const stored = await store.count()
  await store.close()
  console.error(
    `  filled ${stored} touchpoints in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  return stored
}

// utime + stime of a process, from /proc (Linux): clock ticks of 10 ms.
const cpuTimeMs = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return Number.NaN
  }
}

const cannon = (urls) =>
  new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: urls.map((url) => `${url}/t`),
        connections: CONNECTIONS,
        duration: SECONDS,
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false })
  })

const scenario = async (name, { db, processes }) => {
  console.error(`${name}: ${processes} collector process(es), ${FILL} touchpoints first`)
  const before = await fill(db)
  const collectors = await Promise.all(
    Array.from({ length: processes }, () =>
      spawnCollector(['--db', db, '--port', '0', '--host', '127.0.0.1', '--quiet']),
    ),
  )
  let result
  let cpuMs
  try {
    const cpuBefore = collectors.map(({ child }) => cpuTimeMs(child.pid))
    result = await cannon(collectors.map((collector) => collector.url))
    cpuMs = collectors.reduce((sum, { child }, i) => sum + cpuTimeMs(child.pid) - cpuBefore[i], 0)
  } finally {
    await Promise.all(collectors.map((collector) => collector.stop()))
  }
  const store = await openStore(db)
  const after = await store.count()
  await store.close()
  const ok = result['2xx']
  // A 2xx is sent after COMMIT: every counted request's rows must be there.
  if (after - before < ok * BATCH) {
    throw new Error(`${name}: ${ok * BATCH} touchpoints acknowledged, ${after - before} stored`)
  }
  return {
    name,
    touchpointsPerSecond: Math.round((ok * BATCH) / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    // CPU the collector processes spent per touchpoint (all their threads): on a shared machine
    // a steadier figure than the rate, which depends on what else runs.
    cpuUsPerTouchpoint: Math.round((cpuMs * 1000) / Math.max(1, ok * BATCH)),
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    stored: after,
  }
}

const SCENARIOS = {
  duckdb: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchtrail-load-'))
    try {
      return await scenario('DuckDB, 1 process', { db: join(dir, 'load.duckdb'), processes: 1 })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
  postgres: async () => postgresScenario('PostgreSQL, 1 process', 1),
  postgres2: async () => postgresScenario('PostgreSQL, 2 processes', 2),
}

const postgresScenario = async (name, processes) => {
  // Durable (fsync on), as DuckDB is: a 2xx means on disk on both.
  const server = await startPostgres({ durable: true })
  try {
    return await scenario(name, { db: server.url, processes })
  } finally {
    await server.stop()
  }
}

const rows = []
for (const key of flags.stores.split(',')) {
  if (!SCENARIOS[key]) throw new Error(`--stores: no scenario ${key} (${Object.keys(SCENARIOS)})`)
  rows.push(await SCENARIOS[key]())
}

const table = [
  `Load: ${CONNECTIONS} connections, ${BATCH} touchpoints per request (unique ids), ${SECONDS} s, ` +
    `into ${FILL.toLocaleString('en')} touchpoints; a request counts only on a 2xx (after COMMIT).`,
  '',
  '| collector | touchpoints/s | p50 ms | p99 ms | collector CPU µs/touchpoint | 2xx | non-2xx/errors | rows after |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.touchpointsPerSecond.toLocaleString('en')} | ${r.p50} | ${r.p99} | ` +
      `${r.cpuUsPerTouchpoint} | ` +
      `${r.ok} | ${r.failed} | ${r.stored.toLocaleString('en')} |`,
  ),
  '',
  `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at ` +
    `the end, ${new Date().toISOString().slice(0, 10)}.`,
].join('\n')
console.log(table)
mkdirSync(dirname(flags.out), { recursive: true })
writeFileSync(flags.out, `${table}\n`)
