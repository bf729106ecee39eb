// Turns the medians into the results table (contenders as columns, touchtrail : best peer ratio)
// and checks touchtrail's goals.
import { median } from './stats.mjs'

const sizeOf = (kind, format) => (c) => kind === 'scriptTag'
  ? (c.sizes.scriptTag ?? c.sizes.page)[format]
  : c.sizes[kind][format]

const at = (scenario, key) => (c) => c.medians[scenario]?.[key]

/** The rows of the table, in order; `better` says which way the ratio should lean. */
export const ROWS = [
  { label: 'Script tag / one-file IIFE, gzip (B)', get: sizeOf('scriptTag', 'gzip'), better: 'lower' },
  { label: 'Script tag / one-file IIFE, brotli (B)', get: sizeOf('scriptTag', 'brotli'), better: 'lower' },
  { label: 'npm minimal bundle (init + track), brotli (B)', get: sizeOf('minimal', 'brotli'), better: 'lower' },
  { label: 'track() sync cost, median (µs)', get: at('trackCost', 'medianUs'), better: 'lower', digits: 1 },
  { label: 'track() sync cost, p95 (µs)', get: at('trackCost', 'p95Us'), better: 'lower', digits: 1 },
  { label: 'track() sync cost, mean (µs)', get: at('trackCost', 'meanUs'), better: 'lower', digits: 1 },
  { label: 'Burst 1,000: the tracking loop itself (ms)', get: at('burst', 'loopMs'), better: 'lower', digits: 1 },
  { label: 'Burst 1,000: long tasks', get: at('burst', 'longTasks'), better: 'lower' },
  { label: 'Burst 1,000: longest task (ms)', get: at('burst', 'longestTaskMs'), better: 'lower' },
  { label: 'Burst 1,000: total blocking time (ms)', get: at('burst', 'blockingMs'), better: 'lower' },
  { label: 'Burst 1,000: IndexedDB write transactions', get: at('burst', 'idbWrites'), better: 'lower' },
  { label: 'Burst 1,000: max IndexedDB writes in a 50 ms window', get: at('burst', 'idbWritesMaxPer50ms'), better: 'lower' },
  { label: 'Burst 1,000: localStorage writes', get: at('burst', 'lsWrites'), better: 'lower' },
  { label: 'Burst 1,000: requests', get: at('burst', 'requests'), better: 'lower' },
  { label: 'Burst 1,000: time until the collector has all (ms)', get: at('burst', 'deliverMs'), better: 'lower' },
  { label: 'Wire, 100 touchpoints: body bytes per touchpoint', get: at('wire', 'bodyBytesPer'), better: 'lower', digits: 1 },
  { label: 'Wire, 100 touchpoints: header bytes per touchpoint', get: at('wire', 'headerBytesPer'), better: 'lower', digits: 1 },
  { label: 'Wire, 100 touchpoints: requests (+ CORS preflights)', get: (c) => c.medians.wire?.requests, extra: (c) => c.medians.wire?.preflights, better: 'lower' },
  { label: 'Durability: of 50 tracked while down (503) + reload, delivered (%)', get: at('durability', 'percent'), better: 'higher' },
  { label: 'Durability: time from recovery until all arrived (ms)', get: at('durability', 'recoverMs'), better: 'lower' },
  { label: 'Requests to hosts other than the bench collector', get: at('external', 'count'), better: 'lower' },
]

const format = (value, digits = 0) => {
  if (value === undefined || value === null || Number.isNaN(value)) return '—'
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

const ratioOf = (row, touchtrail, peers) => {
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
  const keys = Object.keys(runs[0]).filter((key) => runs.some((run) => typeof run[key] === 'number'))
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
    const cells = results.map((c) => {
      const value = format(row.get(c), row.digits)
      return row.extra ? `${value} (+${format(row.extra(c))})` : value
    })
    lines.push(`| ${row.label} | ${cells.join(' | ')} | ${ratioOf(row, touchtrail, peers)} |`)
  }
  return lines.join('\n')
}

/** touchtrail's goals, each with what was seen. */
export const goals = (results) => {
  const [touchtrail, ...peers] = results
  const durable = peers.filter((c) => (c.medians.durability?.percent ?? 0) >= 90)
  const smallest = (get) => Math.min(...durable.map(get))
  const scriptTag = sizeOf('scriptTag', 'brotli')
  const minimal = sizeOf('minimal', 'brotli')
  const t = touchtrail.medians
  return [
    { goal: 'track() median ≤ 20 µs', met: t.trackCost?.medianUs <= 20,
      seen: `${format(t.trackCost?.medianUs, 1)} µs (p95 ${format(t.trackCost?.p95Us, 1)} µs)` },
    { goal: 'zero long tasks in the 1,000 burst', met: t.burst?.longTasks === 0,
      seen: `${format(t.burst?.longTasks)} long tasks, longest ${format(t.burst?.longestTaskMs)} ms, ` +
        `TBT ${format(t.burst?.blockingMs)} ms` },
    { goal: '≤ 1 IndexedDB write transaction per 50 ms of burst', met: t.burst?.idbWritesMaxPer50ms <= 1,
      seen: `${format(t.burst?.idbWrites)} in all, at most ${format(t.burst?.idbWritesMaxPer50ms)} ` +
        `in one 50 ms window, ${format(t.burst?.idbWritesPer50ms, 2)} per 50 ms on average` },
    { goal: '≥ 5× smaller than the smallest peer with a durable queue (brotli)',
      met: durable.length > 0 && scriptTag(touchtrail) * 5 <= smallest(scriptTag) &&
        minimal(touchtrail) * 5 <= smallest(minimal),
      seen: durable.length === 0
        ? 'no peer delivered ≥ 90 % in the durability run'
        : `durable peers (≥ 90 % delivered): ${durable.map((c) => c.label).join(', ')}; ` +
          `script tag ${format(scriptTag(touchtrail))} B vs ${format(smallest(scriptTag))} B ` +
          `(${format(smallest(scriptTag) / scriptTag(touchtrail), 1)}× smaller), npm minimal ` +
          `${format(minimal(touchtrail))} B vs ${format(smallest(minimal))} B ` +
          `(${format(smallest(minimal) / minimal(touchtrail), 1)}× smaller)` },
    { goal: '100 % durability', met: t.durability?.percent === 100,
      seen: `${format(t.durability?.percent)} % delivered (median of runs)` },
  ]
}
