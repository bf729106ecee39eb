// Attribution on a million touchpoints: `npm run bench:collector [-- --seed=7 --runs=3
// --store=duckdb|postgres --keep=<dir> --scale=0.1 --threads=2 --work-mem=64MB]`.
// A seeded generator writes 100,000 customers and 1,000,000 touchpoints into the collector's
// table (DuckDB, generated in SQL: no row-by-row inserts; PostgreSQL gets the same rows by COPY),
// then times the identity join and each model × by through attribute(), the code /api/attribution
// runs. The machine may be shared: each cell runs `runs` times after a warm-up and keeps the
// fastest wall time and the least CPU time (the database's threads or processes included), beside
// the load average. Writes bench/results/collector.md. A store is one entry of STORES: `open()` →
// `{ load(), query(sql, params), cpuMs(), close() }`.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import pg from 'pg'
import { attribute } from '../examples/collector/attribution/attribute.mjs'
import { MODELS } from '../examples/collector/attribution/models.mjs'
import { customerTouchpoints } from '../examples/collector/customers.mjs'
import { openStore } from '../examples/collector/store.mjs'
import { startPostgres } from '../scripts/postgres.mjs'

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')),
)
const seed = Number(args.seed ?? 7)
const runs = Number(args.runs ?? 3)
const scale = Number(args.scale ?? 1) // --scale=0.1 for a quick look

const CUSTOMERS = Math.round(100_000 * scale)
const SESSIONS = 3.5 * CUSTOMERS // session s is customer s % CUSTOMERS's (s / CUSTOMERS)-th
const TOUCHPOINTS = 10 * CUSTOMERS // touchpoint i is the (i / SESSIONS)-th of session i % SESSIONS

// Personas pick channels with their own odds and convert at their own rate; channels convert
// at theirs (per session, on its last touchpoint). So first- and last-touch disagree.
const PERSONAS = [
  {
    name: 'bargain hunter',
    channels: ['paid_search', 'paid_search', 'email', 'affiliate'],
    rate: 1.2,
  },
  {
    name: 'social scroller',
    channels: ['social', 'paid_social', 'paid_social', 'display'],
    rate: 0.8,
  },
  { name: 'loyal', channels: ['direct', 'direct', 'email', 'organic_search'], rate: 1.5 },
  {
    name: 'researcher',
    channels: ['organic_search', 'referral', 'referral', 'display'],
    rate: 0.6,
  },
]
const CHANNEL_RATE = {
  email: 0.06,
  paid_search: 0.05,
  direct: 0.05,
  affiliate: 0.04,
  organic_search: 0.03,
  referral: 0.025,
  paid_social: 0.02,
  social: 0.012,
  display: 0.005,
}
const OTHER_TYPES = ['page_view', 'page_view', 'form_submit', 'review_read', 'chat_open']

const values = (rows) =>
  rows
    .map((row) => `(${row.map((v) => (typeof v === 'number' ? v : `'${v}'`)).join(', ')})`)
    .join(', ')

// A uniform number in [0, 1) from a row number and a salt, the same for one seed on every run.
const uniform = (expr, salt) => `(hash(${expr}, ${seed}, ${salt}) % 1000000) / 1000000.0`
const pick = (expr, salt, n) => `CAST(floor(${uniform(expr, salt)} * ${n}) AS INTEGER)`
const JAN_1 = Date.UTC(2026, 0, 1) / 1000

// Statements, in order. Lookups are small tables joined in (a list literal per row is slow), and
// times are epoch seconds turned into TIMESTAMPTZ once (interval arithmetic per row is slow).
const GENERATE = [
  `CREATE TEMP TABLE persona_channels (persona INTEGER, pick INTEGER, ch VARCHAR, rate DOUBLE)`,
  `INSERT INTO persona_channels VALUES ${values(
    PERSONAS.flatMap((p, persona) =>
      p.channels.map((ch, i) => [persona, i, ch, CHANNEL_RATE[ch] * p.rate]),
    ),
  )}`,
  `CREATE TEMP TABLE other_types (pick INTEGER, type VARCHAR)`,
  `INSERT INTO other_types VALUES ${values(OTHER_TYPES.map((type, i) => [i, type]))}`,
  `CREATE TEMP TABLE sessions AS
    WITH customers AS (
      SELECT c, CAST(c % ${PERSONAS.length} AS INTEGER) AS persona,
        ${uniform('c', 1)} < 0.2 AS two_devices, -- a phone and a laptop
        ${uniform('c', 2)} < 0.4 AS identifies -- signs in from the second session on
      FROM range(${CUSTOMERS}) AS r(c)
    )
    SELECT s, c, s // ${CUSTOMERS} AS k, two_devices, identifies, ch,
      ${JAN_1} + (s // ${CUSTOMERS}) * 20 * 86400 + ${pick('s', 4, 15 * 86400)} AS started,
      ${uniform('s', 5)} < rate AS converts,
      CASE WHEN s < ${TOUCHPOINTS - 2 * SESSIONS} THEN 2 ELSE 1 END AS last_j
    FROM range(${SESSIONS}) AS r(s)
    JOIN customers ON c = s % ${CUSTOMERS}
    JOIN persona_channels AS pc ON pc.persona = customers.persona
      AND pc.pick = ${pick('s', 3, 4)}`,
  `CREATE TEMP TABLE generated AS
    SELECT 'tp-' || i AS id,
      CASE WHEN j = last_j AND converts THEN 'purchase'
        WHEN identifies AND k = 1 AND j = 1 THEN 'identify'
        WHEN j = 0 THEN 'page_view'
        ELSE other_types.type END AS type,
      to_timestamp(started + j * 90) AS ts, to_timestamp(started + j * 90 + 1) AS received_at,
      'anon-' || c || CASE WHEN two_devices THEN '-' || (k % 2) ELSE '' END AS anonymous_id,
      'session-' || s AS session_id,
      CASE WHEN identifies AND k >= 1 THEN 'user-' || c END AS user_id,
      ch AS channel, 'https://shop.example/p/' || j AS page_url, '/p/' || j AS page_path,
      CASE WHEN j = last_j AND converts THEN CAST(json_object('orderId', 'o-' || i,
        'value', 20 + ${pick('i', 7, 180)},
        'currency', CASE WHEN ${uniform('i', 8)} < 0.1 THEN 'USD' ELSE 'EUR' END) AS JSON)
        ELSE CAST('{}' AS JSON) END AS props,
      CAST('{}' AS JSON) AS context
    FROM (SELECT i, i // ${SESSIONS} AS j FROM range(${TOUCHPOINTS}) AS r(i)) AS rows
    JOIN sessions ON s = i % ${SESSIONS}
    JOIN other_types ON other_types.pick = ${pick('i', 6, OTHER_TYPES.length)}`,
]

// DuckDB with the collector's own settings (duckdb.mjs: one thread); --threads=2 to compare.
const THREADS = args.threads ?? '1'

// CPU time of this process (DuckDB runs in it), in ms.
const ownCpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

// CPU time of a Linux process from /proc, in ms: its own, and its reaped children's (PostgreSQL's
// parallel workers are the postmaster's children).
const TICK_MS = 10 // USER_HZ is 100 on Linux
const procCpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ')
  // After the name: state is field 3, so utime (14) … cstime (17) are at 11 … 14 here.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number)
  return { own: (utime + stime) * TICK_MS, children: (cutime + cstime) * TICK_MS, ppid: fields[1] }
}

const STORES = {
  duckdb: async () => {
    // --keep=<dir> keeps the generated file there and reuses it on the next run.
    const dir = args.keep ?? mkdtempSync(join(tmpdir(), 'touchtrail-bench-'))
    mkdirSync(dir, { recursive: true })
    const path = join(dir, `bench-${seed}-${scale}.duckdb`)
    // The collector's own schema and index, then our own connection to the same file.
    await (await openStore(path)).close()
    const instance = await DuckDBInstance.create(path, { threads: THREADS })
    const connection = await instance.connect()
    const query = async (sql, params) =>
      (await connection.runAndReadAll(sql, params)).getRowObjectsJson()
    const [{ stored }] = await query('SELECT CAST(count(*) AS INTEGER) AS stored FROM touchpoints')
    return {
      load: async () => {
        if (stored > 0) return console.log(`reusing ${path}`)
        const generated = await time(async () => {
          for (const statement of GENERATE) await connection.run(statement)
        })
        const inserted = await time(() =>
          connection.run(`INSERT INTO touchpoints (${LOADED}) SELECT * FROM generated`),
        )
        for (const table of ['generated', 'sessions', 'other_types', 'persona_channels']) {
          await connection.run(`DROP TABLE ${table}`)
        }
        await connection.run('CHECKPOINT')
        console.log(`generated in ${ms(generated)}, inserted in ${ms(inserted)}`)
      },
      query,
      cpuMs: ownCpuMs,
      // The same rows as CSV, for another store to COPY.
      exportCsv: async (file) =>
        connection.run(`COPY (SELECT ${LOADED} FROM touchpoints) TO '${file}' (HEADER)`),
      close: async () => {
        connection.closeSync()
        instance.closeSync()
        if (!args.keep) rmSync(dir, { recursive: true, force: true })
      },
    }
  },
  // A throwaway server (scripts/postgres.mjs) with its default settings, the collector's schema,
  // and the DuckDB store's rows by COPY; one client, so its backend's CPU time can be read.
  postgres: async () => {
    const server = await startPostgres()
    await (await openStore(server.url)).close()
    const client = new pg.Client(server.url)
    await client.connect()
    const query = async (sql, params) => (await client.query(sql, params)).rows
    const [{ pid }] = await query('SELECT pg_backend_pid() AS pid')
    // --work-mem=64MB: the server's default is 4MB, where the identity join's sorts spill to disk.
    if (args['work-mem']) await query(`SET work_mem = '${args['work-mem'].replace(/'/g, '')}'`)
    return {
      load: async () => {
        const duckdb = await STORES.duckdb()
        const dir = mkdtempSync(join(tmpdir(), 'touchtrail-bench-csv-'))
        chmodSync(dir, 0o755) // the server runs as the postgres user
        try {
          await duckdb.load()
          const file = join(dir, 'touchpoints.csv')
          await duckdb.exportCsv(file)
          chmodSync(file, 0o644)
          const copied = await time(() =>
            query(`COPY touchpoints (${LOADED}) FROM '${file}' (FORMAT csv, HEADER)`),
          )
          await query('ANALYZE touchpoints')
          console.log(`copied in ${ms(copied)}`)
        } finally {
          await duckdb.close()
          rmSync(dir, { recursive: true, force: true })
        }
      },
      query,
      // This process, the backend and its parallel workers (reaped by the postmaster).
      cpuMs: () => {
        const backend = procCpuMs(pid)
        return ownCpuMs() + backend.own + procCpuMs(backend.ppid).children
      },
      close: async () => {
        await client.end()
        await server.stop()
      },
    }
  },
}

const LOADED = `id, type, ts, received_at, anonymous_id, session_id, user_id, channel, page_url,
  page_path, props, context`

const time = async (fn) => {
  const start = performance.now()
  const result = await fn()
  return { ms: performance.now() - start, result }
}
const ms = ({ ms }) => `${Math.round(ms)} ms`
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')

// Runs fn once to warm the caches, then `runs` times: the fastest wall time, the least CPU time.
const measure = async (store, fn) => {
  let best = { ms: Infinity, cpuMs: Infinity }
  let result
  for (let run = 0; run <= runs; run++) {
    const cpu = store.cpuMs()
    const timed = await time(fn)
    const cpuMs = store.cpuMs() - cpu
    result = timed.result
    if (run === 0) continue
    best = { ms: Math.min(best.ms, timed.ms), cpuMs: Math.min(best.cpuMs, cpuMs) }
  }
  return { ...best, result }
}

// The identity join alone, reading what the attribution queries read.
const IDENTITY = `SELECT count(DISTINCT customer_key) AS n
  FROM (${customerTouchpoints(['id', 'type', 'ts'])}) AS c`

// An interrupted bench still stops its PostgreSQL server and removes its files.
const running = new Set()
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await Promise.allSettled([...running].map((store) => store.close()))
    process.exit(130)
  })
}

const benchStore = async (name, start) => {
  const store = await start()
  running.add(store)
  try {
    const loaded = await time(() => store.load())
    const [counts] = await store.query(`
      SELECT CAST(count(*) AS INTEGER) AS touchpoints,
        CAST(count(DISTINCT anonymous_id) AS INTEGER) AS visitors,
        CAST(count(DISTINCT customer_key) AS INTEGER) AS customers,
        CAST(count(*) FILTER (WHERE type = 'purchase') AS INTEGER) AS purchases
      FROM (${customerTouchpoints(['id', 'type', 'anonymous_id'])}) AS c`)
    console.log(`${name}: loaded in ${Math.round(loaded.ms)} ms`, counts)
    const loadBefore = load()
    const identity = await measure(store, () => store.query(IDENTITY))
    const timings = [{ model: 'identity join alone', by: '', ...identity, top: '' }]
    for (const model of MODELS) {
      for (const by of ['channel', 'type']) {
        const { result: answer, ...best } = await measure(store, () =>
          attribute(store.query, { model, by }),
        )
        const top = answer.rows
          .slice(0, 3)
          .map((row) => `${row.key} ${(row.share * 100).toFixed(1)} %`)
          .join(', ')
        timings.push({ model, by, ...best, top, conversions: answer.conversions })
        console.log(
          `${name} ${model} by ${by}: ${Math.round(best.ms)} ms, CPU ${Math.round(best.cpuMs)} ms (${top}); load ${load()}`,
        )
      }
    }
    return { name, loadMs: loaded.ms, counts, timings, load: `${loadBefore} → ${load()}` }
  } finally {
    running.delete(store)
    await store.close()
  }
}

const results = []
for (const [name, open] of Object.entries(STORES)) {
  if (args.store && args.store !== name) continue
  results.push(await benchStore(name, open))
}

const lines = [
  '# Collector attribution benchmark',
  '',
  `\`npm run bench:collector\` (bench/collector.mjs), seed ${seed}, scale ${scale}, on ${cpus().length} cores`,
  `shared with other work. Each cell is one attribute() call (the identity join, the model in SQL,`,
  `a few rows to JS), run ${runs} times after a warm-up: the fastest wall time and the least CPU`,
  `time (DuckDB's threads in this process; PostgreSQL's backend and parallel workers plus this`,
  `process). DuckDB runs with ${THREADS} thread(s), as the collector does; PostgreSQL with its`,
  `default settings${args['work-mem'] ? ` but work_mem ${args['work-mem']}` : ''} (the bench's server is scripts/postgres.mjs's).`,
  '',
]
for (const { name, loadMs, counts, timings, load: average } of results) {
  lines.push(
    `## ${name}`,
    '',
    `${counts.touchpoints.toLocaleString('en')} touchpoints, ${counts.visitors.toLocaleString('en')} anonymousIds, ` +
      `${counts.customers.toLocaleString('en')} customers after the identity join, ` +
      `${counts.purchases.toLocaleString('en')} purchases; loaded in ${(loadMs / 1000).toFixed(1)} s.`,
    `Load average (1 / 5 / 15 min) at the start and end of the timings: ${average}.`,
    '',
    '| model | by | wall ms (min) | CPU ms (min) | top rows (share of conversions) |',
    '|---|---|---:|---:|---|',
    ...timings.map(
      (t) => `| ${t.model} | ${t.by} | ${Math.round(t.ms)} | ${Math.round(t.cpuMs)} | ${t.top} |`,
    ),
    '',
  )
}
// The notes written by hand under the tables ("## Notes" on) outlive a rerun.
const resultsFile = new URL('./results/collector.md', import.meta.url)
mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : ''
const notes = previous.includes('\n## Notes') ? previous.slice(previous.indexOf('\n## Notes')) : ''
writeFileSync(resultsFile, lines.join('\n') + notes)
console.log(lines.join('\n'))
