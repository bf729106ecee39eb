// temp A/B: node bench/tmp/ab.mjs runs label=srcdir[:cut] ...
import { build } from 'esbuild'
import { createServer } from 'node:http'
import { chromium } from 'playwright'
const runs = Number(process.argv[2])
const variants = process.argv.slice(3).map((arg) => { const [label, rest] = arg.split('='); const [src, cut] = rest.split(':'); return { label, src, cut: cut ?? '0', loops: [] } })
for (const v of variants) {
  const entry = `
import { createTracker } from '${v.src}/index.ts'
window.__cut = ${Number(v.cut)}
const t = createTracker({ collector: location.origin + '/t', consent: 'granted' })
window.__track = (i) => t.track('chat_open', { provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' })`
  const out = await build({ stdin: { contents: entry, resolveDir: '/work/main', loader: 'js' }, bundle: true, format: 'iife', minify: true, write: false, define: { __VERSION__: '"x"' }, target: 'es2020' })
  v.js = out.outputFiles[0].text
}
const server = createServer((req, res) => {
  const h = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
  if (req.url.startsWith('/t')) { req.resume(); req.on('end', () => { res.writeHead(200, h); res.end('{}') }); return }
  const m = req.url.match(/^\/b(\d+)\.js/)
  if (m) { res.writeHead(200, { ...h, 'content-type': 'text/javascript' }); return res.end(variants[Number(m[1])].js) }
  const n = (req.url.match(/v=(\d+)/) ?? [0, 0])[1]
  res.writeHead(200, { ...h, 'content-type': 'text/html' }); res.end(`<!doctype html><title>x</title><script src="/b${n}.js"></script>`)
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
for (let r = 0; r < runs; r++) {
  for (const [n, v] of variants.entries()) {
    const ctx = await browser.newContext(); const page = await ctx.newPage()
    await page.goto(`http://127.0.0.1:${server.address().port}/?v=${n}`, { waitUntil: 'load' })
    v.loops.push(await page.evaluate(() => new Promise((resolve) => setTimeout(() => {
      const s = performance.now(); for (let i = 0; i < 1000; i++) window.__track(i); resolve(performance.now() - s)
    }, 200))))
    await ctx.close()
  }
}
for (const v of variants) {
  const l = [...v.loops].sort((a, b) => a - b)
  console.log(`${v.label.padEnd(12)} median ${l[Math.floor(l.length / 2)].toFixed(1)}  mean ${(l.reduce((a, b) => a + b, 0) / l.length).toFixed(1)}  min ${l[0].toFixed(1)}  q1 ${l[Math.floor(l.length / 4)].toFixed(1)}  bundle ${v.js.length}`)
}
await browser.close(); server.close()
