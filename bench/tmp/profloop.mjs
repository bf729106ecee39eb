import { build } from 'esbuild'
import { createServer } from 'node:http'
import { chromium } from 'playwright'
const src = process.argv[2] ?? '/work/main/src'
const runs = Number(process.argv[3] ?? 5)
const entry = `
import { createTracker } from '${src}/index.ts'
const t = createTracker({ collector: location.origin + '/t', consent: 'granted' })
window.__track = (i) => t.track('chat_open', { provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' })
`
const out = await build({ stdin: { contents: entry, resolveDir: '/work/main', loader: 'js' }, bundle: true, format: 'iife', minify: false, write: false, define: { __VERSION__: '"x"' } })
const js = out.outputFiles[0].text
const server = createServer((req, res) => {
  if (req.url.startsWith('/t')) { req.resume(); req.on('end', () => { res.writeHead(200); res.end('{}') }); return }
  if (req.url === '/b.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); return res.end(js) }
  res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>x</title><script src="/b.js"></script>')
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const t = new Map(); let total = 0
for (let r = 0; r < runs; r++) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  const ctx = await browser.newContext(); const page = await ctx.newPage()
  await page.goto(`http://127.0.0.1:${server.address().port}/`)
  const cdp = await ctx.newCDPSession(page)
  await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  await page.evaluate(() => { window.__lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push(Math.round(e.duration)) }).observe({ type: 'longtask' }) })
  await cdp.send('Profiler.start')
  const ms = await page.evaluate(() => { const s = performance.now(); for (let i = 0; i < 1000; i++) window.__track(i); return performance.now() - s })
  const { profile } = await cdp.send('Profiler.stop')
  console.log('long tasks', await page.evaluate(() => window.__lt.join(' ')))
  total += ms
  {
    const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
    let t = profile.startTime; let seg = null; const segs = []
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i]
      const c = byNode.get(id).callFrame; const k = `${c.functionName || '(anon)'}:${c.lineNumber + 1}`
      const d = profile.timeDeltas[i + 1] ?? 0
      if (k.startsWith('(idle)')) { if (seg) { segs.push(seg); seg = null } return }
      seg ??= { start: t, end: t, f: new Map() }
      seg.end = t; seg.f.set(k, (seg.f.get(k) ?? 0) + d / 1000)
    })
    if (seg) segs.push(seg)
    for (const g of segs) { const dur = (g.end - g.start) / 1000; if (dur > 25) console.log(`  task +${((g.start - profile.startTime) / 1000).toFixed(0)} ${dur.toFixed(0)} ms:`, [...g.f].sort((a, b) => b[1] - a[1]).slice(0, 7).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')) }
  }
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  profile.samples.forEach((id, i) => { const c = byNode.get(id).callFrame; const k = `${c.functionName || '(anon)'}:${c.lineNumber + 1}`; t.set(k, (t.get(k) ?? 0) + profile.timeDeltas[i] / 1000 / runs) })
  await browser.close()
}
console.log('mean loop', (total / runs).toFixed(1))
console.log([...t].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1).padStart(7)} ${k}`).join('\n'))
server.close()
