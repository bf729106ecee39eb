import { build } from 'esbuild'
import { createServer } from 'node:http'
import { chromium } from 'playwright'
const src = process.argv[2] ?? '/work/main/src'
const entry = `
import { createTracker } from '${src}/index.ts'
const t = createTracker({ collector: location.origin + '/t', consent: 'granted' })
window.__track = (i) => t.track('chat_open', { provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' })`
const out = await build({ stdin: { contents: entry, resolveDir: '/work/main', loader: 'js' }, bundle: true, format: 'iife', minify: false, write: false, define: { __VERSION__: '"x"' } })
const js = out.outputFiles[0].text
const server = createServer((req, res) => {
  if (req.url.startsWith('/t')) { req.resume(); req.on('end', () => { res.writeHead(200); res.end('{}') }); return }
  if (req.url === '/b.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); return res.end(js) }
  res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>x</title><script src="/b.js"></script>')
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
for (let r = 0; r < Number(process.argv[3] ?? 4); r++) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  const page = await (await browser.newContext()).newPage()
  await page.goto(`http://127.0.0.1:${server.address().port}/`)
  await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute'] })
  const t0 = await page.evaluate(() => new Promise((resolve) => setTimeout(() => { const s = performance.now(); for (let i = 0; i < 1000; i++) window.__track(i); resolve(s) })))
  await page.waitForTimeout(2000)
  const trace = JSON.parse((await browser.stopTracing()).toString())
  const events = trace.traceEvents ?? trace
  const first = events.find((e) => e.name === 'TimerFire' || e.name === 'FunctionCall'); const t0Trace = first ? first.ts / 1000 : 0
  const main = events.filter((e) => e.name === 'RunTask' && e.dur > 45000)
  for (const task of main) {
    const inside = events.filter((e) => e.tid === task.tid && e.pid === task.pid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && e.dur > 1000 && e.name !== 'RunTask')
    const byName = new Map(); for (const e of inside) { const k = e.name + (e.args?.data?.functionName ? ':' + e.args.data.functionName + '@' + e.args.data.lineNumber : ''); byName.set(k, (byName.get(k) ?? 0) + e.dur / 1000) }
    console.log(`run ${r} task +${((task.ts / 1000) - t0Trace).toFixed(0)} ${(task.dur / 1000).toFixed(0)} ms:`, [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '))
  }
  await browser.close()
}
server.close()
