// temp: cold 1,000-call burst right after load; loop ms and long tasks. node bench/tmp/harness.mjs <srcdir> [runs] [mode]
import { build } from 'esbuild'
import { createServer } from 'node:http'
import { chromium } from 'playwright'
const src = process.argv[2] ?? '/work/main/src'
const runs = Number(process.argv[3] ?? 6)
const mode = process.argv[4] ?? 'granted'
const entry = `
import { createTracker } from '${src}/index.ts'
const t = createTracker({ collector: location.origin + '/t', consent: '${mode === 'pending' ? 'pending' : 'granted'}' })
window.__cut = Number(new URLSearchParams(location.search).get("cut") ?? 0)
window.__track = (i) => t.track('chat_open', { provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' })
`
const out = await build({ stdin: { contents: entry, resolveDir: '/work/main', loader: 'js' }, bundle: true,
  format: 'iife', minify: true, write: false, define: { __VERSION__: '"x"' }, target: 'es2020' })
const js = out.outputFiles[0].text
let got = 0
const html = `<!doctype html><script>
window.__lt=[];new PerformanceObserver(l=>{for(const e of l.getEntries())window.__lt.push([e.startTime,e.duration])}).observe({type:'longtask',buffered:true})
</script><script src="/b.js"></script>`
const server = createServer((req, res) => {
  const h = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
  if (req.url.startsWith('/t')) { let n = 0; req.on('data', (c) => (n += c.length)); req.on('end', () => { res.writeHead(200, h); res.end('{}') }); return }
  if (req.url === '/b.js') { res.writeHead(200, { ...h, 'content-type': 'text/javascript' }); return res.end(js) }
  res.writeHead(200, { ...h, 'content-type': 'text/html' }); res.end(html)
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const url = `http://127.0.0.1:${server.address().port}/?cut=${process.env.CUT ?? 0}`
const loops = []
for (let r = 0; r < runs; r++) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  const page = await (await browser.newContext()).newPage()
  await page.goto(url, { waitUntil: 'load' })
  const res = await page.evaluate(() => new Promise((resolve) => setTimeout(() => {
    const s = performance.now()
    for (let i = 0; i < 1000; i++) window.__track(i)
    const loop = performance.now() - s
    window.__second = 0
    setTimeout(() => resolve({ loop, second: window.__second, lt: window.__lt.filter(([st, d]) => st + d >= s).map(([st, d]) => `+${Math.round(st - s)}:${Math.round(d)}`) }), 3000)
  })))
  loops.push(res.loop)
  console.log(`loop ${res.loop.toFixed(1)} ms then ${res.second.toFixed(1)}  long tasks ${res.lt.join(' ')}`)
  await browser.close()
}
loops.sort((a, b) => a - b)
console.log(`min ${loops[0].toFixed(1)} median loop ${loops[Math.floor(loops.length / 2)].toFixed(1)} ms, bundle ${js.length} B`)
server.close()
