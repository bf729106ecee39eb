// `node bench/profile.mjs [contender] [--count=1000]`: where a contender spends main-thread time
// in the burst (from the first track() until the collector has them all), from a V8 CPU profile
// of its unminified bundle. Prints the functions with the most self time. Run bench/run.mjs once
// first (it installs bench/'s dependencies); `npm run build` first for touchtrail.
import { contenders } from './contenders/list.mjs'
import { createEnv } from './lib/env.mjs'
import { waitFor } from './lib/wait.mjs'

const name = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'touchtrail'
const count = Number(process.argv.find((arg) => arg.startsWith('--count='))?.slice(8) ?? 1_000)
const TOP = 20

// Self time per function (name, file, line) from a Profiler.stop profile, in ms.
const selfTimes = (profile) => {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]))
  const totals = new Map()
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber, columnNumber } = byNode.get(id).callFrame
    const file = url.split('/').at(-1) || ''
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`
    totals.set(key, (totals.get(key) ?? 0) + profile.timeDeltas[i] / 1_000)
  })
  return [...totals].sort((a, b) => b[1] - a[1])
}

const print = (title, profile) => {
  const rows = selfTimes(profile)
  const busy = rows.filter(([key]) => !key.startsWith('(idle)'))
  const total = busy.reduce((sum, [, ms]) => sum + ms, 0)
  console.log(`\n${title}: ${total.toFixed(0)} ms busy`)
  console.log('  self ms  share  function file:line:column')
  for (const [key, ms] of busy.slice(0, TOP)) {
    const share = ((100 * ms) / total).toFixed(1)
    console.log(`${ms.toFixed(1).padStart(9)} ${share.padStart(5)} %  ${key}`)
  }
}

const main = async () => {
  const contender = contenders.find((c) => c.name === name)
  if (!contender) throw new Error(`no contender ${name}; one of ${contenders.map((c) => c.name)}`)
  const env = await createEnv([contender], { readable: true })
  try {
    await env.inBrowser(async ({ open, pagesBase, collector }) => {
      const run = `profile-${Date.now()}`
      const { context, page } = await open(`${pagesBase}/p/${name}?run=${run}`)
      await page.evaluate(() => window.__contender.ready)
      const cdp = await context.newCDPSession(page)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
      // Two profiles: the track() loop alone, then what follows until the collector has all.
      await cdp.send('Profiler.start')
      const loopMs = await page.evaluate((count) => {
        const start = performance.now()
        for (let i = 0; i < count; i++) window.__contender.track(i)
        return performance.now() - start
      }, count)
      const loop = (await cdp.send('Profiler.stop')).profile
      await cdp.send('Profiler.start')
      const box = collector.inbox(run)
      const all = await waitFor(() => box.accepted.size >= count, 30_000)
      const after = (await cdp.send('Profiler.stop')).profile
      console.log(
        `${name}: ${count} track() calls in ${loopMs.toFixed(1)} ms; collector has ` +
          `${box.accepted.size}${all ? '' : ' (gave up after 30 s)'}`,
      )
      print('the track() loop', loop)
      print('after the loop, until the collector has all', after)
    })
  } finally {
    await env.close()
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
