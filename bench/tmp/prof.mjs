import { build } from 'esbuild'
import { createServer } from 'node:http'
import { chromium } from 'playwright'
const src = '/work/main/src'
const entry = `
import { toJson } from '${src}/core/serialize.ts'
import { uuidv7 } from '${src}/lib/id.ts'
window.__fns = {
  toJson: (i) => toJson({ provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' }),
  uuid: () => uuidv7(),
}
`
const out = await build({ stdin: { contents: entry, resolveDir: '/work/main', loader: 'js' }, bundle: true, format: 'iife', write: false })
const js = out.outputFiles[0].text
const server = createServer((req, res) => {
  if (req.url === '/b.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); return res.end(js) }
  res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>x</title><script src="/b.js"></script>')
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const name = process.argv[2] ?? 'toJson'
const ctx = await browser.newContext(); const page = await ctx.newPage()
await page.goto(`http://127.0.0.1:${server.address().port}/`)
const cdp = await ctx.newCDPSession(page)
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 })
await cdp.send('Profiler.start')
const ms = await page.evaluate((name) => { const f = window.__fns[name]; const s = performance.now(); for (let i = 0; i < 20000; i++) f(i); return performance.now() - s }, name)
const { profile } = await cdp.send('Profiler.stop')
const byNode = new Map(profile.nodes.map((n) => [n.id, n])); const t = new Map()
profile.samples.forEach((id, i) => { const c = byNode.get(id).callFrame; const k = `${c.functionName || '(anon)'}:${c.lineNumber + 1}`; t.set(k, (t.get(k) ?? 0) + profile.timeDeltas[i] / 1000) })
console.log(name, (ms / 20).toFixed(2), 'µs/call'); console.log([...t].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(1).padStart(7)} ${k}`).join('\n'))
await browser.close(); server.close()
