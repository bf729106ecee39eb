// Turns the medians into the results table (contenders as columns, touchtrail : best peer ratio)
// and checks touchtrail's goals.
import { median } from './stats.mjs'

const sizeOf = (kind, encoding) => (c) =>
  kind === 'scriptTag' ? (c.sizes.scriptTag ?? c.sizes.page)[encoding] : c.sizes[kind][encoding]

const at = (scenario, key) => (c) => c.medians[scenario]?.[key]

// A note after a cell: a contender that hit a budget, or a page still blocked when asked.
const partialCalls = (c) =>
  c.medians.trackCost?.calls < 2_000
    ? ` (${Math.round(c.medians.trackCost.calls)} calls in budget)`
    : ''
// Most calls ended within the timer's step (5 µs cross-origin isolated): 0 means "under 5".
const underTimer = (c) => {
  const { medianUs, resolutionUs } = c.medians.trackCost ?? {}
  return medianUs < resolutionUs ? ` (under the ${format(resolutionUs)} µs timer step)` : ''
}
const blocked = (c) => {
  const burst = c.medians.burst
  if (burst?.blockedMs === undefined || burst.longTasks !== undefined) return ''
  return ` ≥ ${format(burst.blockedMs)} ms: page still blocked`
}
const partialBurst = (c) =>
  c.medians.burst?.tracked < 1_000 ? ` (${Math.round(c.medians.burst.tracked)} tracked in 8 s)` : ''
const preflights = (c) => ` (+${format(c.medians.wire?.preflights)})`

// IndexedDB transactions and localStorage writes together: what each SDK asks of storage.
const storageWrites = (c) => median((c.runs.burst ?? []).map((run) => run.idbWrites + run.lsWrites))

const row = (label, get, better, more = {}) => ({ label, get, better, ...more })
// Rows with no better direction get no ratio: 20 IndexedDB transactions against 0 says nothing
// when the peer wrote localStorage instead.
const plain = (label, get, more) => row(label, get, undefined, more)
const lower = (label, get, more) => row(label, get, 'lower', more)
const higher = (label, get, more) => row(label, get, 'higher', more)
const burst = (what) => `Burst 1,000: ${what}`
const wire = (what) => `Wire, 100 touchpoints: ${what}`

/** The rows of the table, in order; `better` says which way the ratio should lean. */
export const ROWS = [
  lower('Script tag / one-file IIFE, gzip (B)', sizeOf('scriptTag', 'gzip')),
  lower('Script tag / one-file IIFE, brotli (B)', sizeOf('scriptTag', 'brotli')),
  lower('npm minimal bundle (init + track), brotli (B)', sizeOf('minimal', 'brotli')),
  lower('track() sync cost, median (µs)', at('trackCost', 'medianUs'), {
    digits: 1,
    note: (c) => partialCalls(c) + underTimer(c),
  }),
  lower('track() sync cost, p95 (µs)', at('trackCost', 'p95Us'), { digits: 1 }),
  lower('track() sync cost, mean (µs)', at('trackCost', 'meanUs'), { digits: 1 }),
  lower(burst('the tracking loop itself (ms)'), at('burst', 'loopMs'), {
    digits: 1,
    note: partialBurst,
  }),
  lower(burst('long tasks'), at('burst', 'longTasks'), { note: blocked }),
  lower(burst('longest task (ms)'), at('burst', 'longestTaskMs')),
  lower(burst('total blocking time (ms)'), at('burst', 'blockingMs')),
  lower(burst('storage writes (IndexedDB transactions + localStorage writes)'), storageWrites),
  plain(burst('IndexedDB write transactions'), at('burst', 'idbWrites')),
  plain(burst('most IndexedDB writes in one 50 ms window'), at('burst', 'idbWritesMaxPer50ms')),
  plain(burst('localStorage writes'), at('burst', 'lsWrites')),
  plain(burst('requests'), at('burst', 'requests')),
  higher(burst('delivered within 15 s'), at('burst', 'delivered')),
  lower(burst('time until the collector has all (ms)'), at('burst', 'deliverMs')),
  lower(wire('body bytes per touchpoint'), at('wire', 'bodyBytesPer'), { digits: 1 }),
  lower(wire('header bytes per touchpoint'), at('wire', 'headerBytesPer'), { digits: 1 }),
  lower(wire('requests (+ CORS preflights)'), at('wire', 'requests'), { note: preflights }),
  higher(
    'Durability: of 50 tracked while down (503) + reload, delivered (%)',
    at('durability', 'percent'),
  ),
  lower('Durability: time from recovery until all arrived (ms)', at('durability', 'recoverMs')),
  lower('Requests to hosts other than the bench collector', at('external', 'count')),
]

const format = (value, digits = 0) => {
  if (value === undefined || value === null || Number.isNaN(value)) return '—'
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

const ratioOf = (row, touchtrail, peers) => {
  if (!row.better) return ''
  const values = peers.map(row.get).filter((value) => typeof value === 'number')
  const own = row.get(touchtrail)
  if (typeof own !== 'number' || values.length === 0) return '—'
  const best = row.better === 'lower' ? Math.min(...values) : Math.max(...values)
  if (best === 0) return own === 0 ? '= (0 : 0)' : '∞'
  return `${(own / best).toFixed(2)}×`
}

/** Medians over runs of every numeric field of one scenario's results. */
export const mediansOf = (runs) => {
  if (!runs?.length) return undefined
  const keys = [...new Set(runs.flatMap(Object.keys))].filter((key) =>
    runs.some((run) => typeof run[key] === 'number'),
  )
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key]))]))
}

/** The Markdown table, contenders as columns, and a ratio column touchtrail : best peer. */
export const table = (results) => {
  const [touchtrail, ...peers] = results
  const head = ['', ...results.map((c) => c.label), 'touchtrail : best peer']
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ]
  for (const row of ROWS) {
    const cells = results.map((c) => format(row.get(c), row.digits) + (row.note?.(c) ?? ''))
    lines.push(`| ${row.label} | ${cells.join(' | ')} | ${ratioOf(row, touchtrail, peers)} |`)
  }
  return lines.join('\n')
}

/** Scenario runs that failed, as lines `contender scenario: message`. */
export const failures = (results) =>
  results.flatMap((c) =>
    Object.entries(c.runs).flatMap(([scenario, runs]) =>
      runs.filter((run) => run.error).map((run) => `${c.name} ${scenario}: ${run.error}`),
    ),
  )

const times = (big, small) => `${format(big / small, 1)}× smaller`

/** touchtrail's goals, each with what was seen (medians of runs; durability: every run). */
export const goals = (results) => {
  const [touchtrail, ...peers] = results
  const durable = peers.filter((c) => (c.medians.durability?.percent ?? 0) >= 90)
  const smallest = (get) => Math.min(...durable.map(get))
  const scriptTag = sizeOf('scriptTag', 'brotli')
  const minimal = sizeOf('minimal', 'brotli')
  const { trackCost, burst } = touchtrail.medians
  const delivered = (touchtrail.runs.durability ?? []).map((run) => run.percent)
  const sizes =
    durable.length === 0
      ? 'no peer delivered ≥ 90 % in the durability run'
      : `durable peers (≥ 90 % delivered): ${durable.map((c) => c.label).join(', ')}; ` +
        `script tag ${format(scriptTag(touchtrail))} B vs ${format(smallest(scriptTag))} B ` +
        `(${times(smallest(scriptTag), scriptTag(touchtrail))}), npm minimal ` +
        `${format(minimal(touchtrail))} B vs ${format(smallest(minimal))} B ` +
        `(${times(smallest(minimal), minimal(touchtrail))})`
  return [
    {
      goal: 'track() median ≤ 20 µs',
      met: trackCost?.medianUs <= 20,
      seen:
        `${format(trackCost?.medianUs, 1)} µs${underTimer(touchtrail)} ` +
        `(p95 ${format(trackCost?.p95Us, 1)} µs, ` +
        `mean ${format(trackCost?.meanUs, 1)} µs)`,
    },
    {
      goal: 'zero long tasks in the 1,000 burst',
      met: burst?.longTasks === 0,
      seen:
        `${format(burst?.longTasks)} long tasks, longest ${format(burst?.longestTaskMs)} ms, ` +
        `TBT ${format(burst?.blockingMs)} ms; the loop itself took ${format(burst?.loopMs)} ms`,
    },
    {
      goal: '≤ 1 IndexedDB write transaction per 50 ms of burst',
      met: burst?.idbWritesMaxPer50ms <= 1,
      seen:
        `${format(burst?.idbWrites)} in all, at most ${format(burst?.idbWritesMaxPer50ms)} ` +
        `in one 50 ms window, ${format(burst?.idbWritesPer50ms, 2)} per 50 ms on average`,
    },
    {
      goal: '≥ 5× smaller than the smallest peer with a durable queue (brotli)',
      met:
        durable.length > 0 &&
        scriptTag(touchtrail) * 5 <= smallest(scriptTag) &&
        minimal(touchtrail) * 5 <= smallest(minimal),
      seen: sizes,
    },
    {
      goal: '100 % durability',
      met: delivered.length > 0 && delivered.every((percent) => percent === 100),
      seen: `${delivered.map((percent) => `${format(percent)} %`).join(', ')} delivered, by run`,
    },
  ]
}

/**
 * The whole results page from the results JSON (`{ environment, results, failed }`), so a saved
 * latest.json can be rendered again: `node -e "…renderPage(json)"`.
 */
export const renderPage = ({ environment: e, results, failed = [] }) =>
  [
    '# touchtrail bench',
    '',
    `${e.date}, Chromium ${e.chromium}, Node ${e.node}, ${e.cpus} × ${e.cpu}; ` +
      `median of ${e.runs} runs; load average ${e.loadAverage.before[0].toFixed(1)} before, ` +
      `${e.loadAverage.after[0].toFixed(1)} after. Produced by \`npm run bench\` ` +
      '(bench/run.mjs); bench/README.md says what each row means.',
    '',
    table(results),
    '',
    '## touchtrail goals',
    '',
    ...goals(results).map((g) => `- ${g.met ? '✅' : '❌'} ${g.goal}: ${g.seen}`),
    '',
    ...(failed.length
      ? [
          '## Scenario runs that failed (left out of the medians)',
          '',
          ...failed.map((line) => `- ${line}`),
          '',
        ]
      : []),
    '## Versions',
    '',
    ...Object.entries(e.versions).map(([name, version]) => `- ${name} ${version}`),
    '',
  ].join('\n')
