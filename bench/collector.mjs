// Attribution on a million touchpoints: `npm run bench:collector [-- --seed=7 --runs=3]`.
// A seeded generator writes 100,000 customers and 1,000,000 touchpoints into the collector's
// table (DuckDB, generated in SQL: no row-by-row inserts), then times the identity join and
// each model × by through attribute(), the code /api/attribution runs. Writes
// bench/results/collector.md. Another store plugs in as one more entry of STORES: it needs
// `open()` → `{ load(seed), query(sql, params), close() }`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { attribute } from '../examples/collector/attribution/attribute.mjs'
import { MODELS } from '../examples/collector/attribution/models.mjs'
import { CUSTOMER_TOUCHPOINTS } from '../examples/collector/customers.mjs'
import { openStore } from '../examples/collector/store.mjs'

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

const STORES = {
  duckdb: async () => {
    // --keep=<dir> keeps the generated file there and reuses it on the next run.
    const dir = args.keep ?? mkdtempSync(join(tmpdir(), 'touchtrail-bench-'))
    mkdirSync(dir, { recursive: true })
    const path = join(dir, `bench-${seed}-${scale}.duckdb`)
    // The collector's own schema and index, then our own connection to the same file.
    await (await openStore(path)).close()
    const instance = await DuckDBInstance.create(path)
    const connection = await instance.connect()
    const [[stored]] = (
      await connection.runAndReadAll('SELECT count(*) FROM touchpoints')
    ).getRows()
    return {
      load: async () => {
        if (stored > 0n) return console.log(`reusing ${path}`)
        const generated = await time(async () => {
          for (const statement of GENERATE) await connection.run(statement)
        })
        const inserted = await time(() =>
          connection.run(`INSERT INTO touchpoints (id, type, ts, received_at, anonymous_id,
            session_id, user_id, channel, page_url, page_path, props, context)
            SELECT * FROM generated`),
        )
        for (const table of ['generated', 'sessions', 'other_types', 'persona_channels']) {
          await connection.run(`DROP TABLE ${table}`)
        }
        console.log(`generated in ${ms(generated)}, inserted in ${ms(inserted)}`)
      },
      query: async (sql, params) =>
        (await connection.runAndReadAll(sql, params)).getRowObjectsJson(),
      close: async () => {
        connection.closeSync()
        instance.closeSync()
        if (!args.keep) rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}

const time = async (fn) => {
  const start = performance.now()
  const result = await fn()
  return { ms: performance.now() - start, result }
}
const ms = ({ ms }) => `${Math.round(ms)} ms`
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const benchStore = async (name, open) => {
  const store = await open()
  try {
    const loaded = await time(() => store.load(seed))
    const [counts] = await store.query(`
      SELECT CAST(count(*) AS INTEGER) AS touchpoints,
        CAST(count(DISTINCT anonymous_id) AS INTEGER) AS visitors,
        CAST(count(DISTINCT customer_key) AS INTEGER) AS customers,
        CAST(count(*) FILTER (WHERE type = 'purchase') AS INTEGER) AS purchases
      FROM (${CUSTOMER_TOUCHPOINTS}) AS c`)
    console.log(`${name}: loaded in ${Math.round(loaded.ms)} ms`, counts)
    const timings = []
    const identity = []
    for (let run = 0; run <= runs; run++) {
      const { ms } = await time(() =>
        store.query(`SELECT count(DISTINCT customer_key) AS n FROM (${CUSTOMER_TOUCHPOINTS}) AS c`),
      )
      if (run > 0) identity.push(ms) // run 0 warms the caches
    }
    timings.push({ model: 'identity join alone', by: '', ms: median(identity), top: '' })
    for (const model of MODELS) {
      for (const by of ['channel', 'type']) {
        const measured = []
        let answer
        for (let run = 0; run <= runs; run++) {
          const { ms, result } = await time(() => attribute(store.query, { model, by }))
          if (run > 0) measured.push(ms)
          answer = result
        }
        const top = answer.rows
          .slice(0, 3)
          .map((row) => `${row.key} ${(row.share * 100).toFixed(1)} %`)
          .join(', ')
        timings.push({ model, by, ms: median(measured), top, conversions: answer.conversions })
        console.log(`${name} ${model} by ${by}: ${Math.round(median(measured))} ms (${top})`)
      }
    }
    return { name, loadMs: loaded.ms, counts, timings }
  } finally {
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
  `\`npm run bench:collector\` (bench/collector.mjs), seed ${seed}, median of ${runs} runs after`,
  `one warm-up, on ${(await import('node:os')).cpus().length} cores (shared with other work).`,
  `Each time is one attribute() call: the identity join, the paths in SQL and the model in JS.`,
  '',
]
for (const { name, loadMs, counts, timings } of results) {
  lines.push(
    `## ${name}`,
    '',
    `${counts.touchpoints.toLocaleString('en')} touchpoints, ${counts.visitors.toLocaleString('en')} anonymousIds, ` +
      `${counts.customers.toLocaleString('en')} customers after the identity join, ` +
      `${counts.purchases.toLocaleString('en')} purchases; generated and loaded in ${(loadMs / 1000).toFixed(1)} s.`,
    '',
    '| model | by | ms | top rows (share of conversions) |',
    '|---|---|---:|---|',
    ...timings.map((t) => `| ${t.model} | ${t.by} | ${Math.round(t.ms)} | ${t.top} |`),
    '',
  )
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
writeFileSync(new URL('./results/collector.md', import.meta.url), lines.join('\n'))
console.log(lines.join('\n'))
