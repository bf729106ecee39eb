import { build } from 'esbuild'
import { createServer } from 'node:http'
import { chromium } from 'playwright'
const src = process.argv[2] ?? '/work/main/src'
const entry = `
import { toJson } from '${src}/core/serialize.ts'
import { uuidv7 } from '${src}/lib/id.ts'
import { toJson2, regex6, regexSimple6, keys3 } from '/tmp/exp/alt/json2.ts'
import { toJson3 } from '/tmp/exp/alt/json3.ts'
import { toJson4 } from '/tmp/exp/alt/json4.ts'
window.__fns = {
  toJson: (i) => toJson({ provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' }),
  stringify: (i) => JSON.stringify({ provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' }),
  toJson4: (i) => toJson4({ provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' }),
  toJson3: (i) => toJson3({ provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' }),
  uuid: () => uuidv7(), regex6, regexSimple6, keys3,
  toJson2: (i) => toJson2({ provider: 'custom', trigger: 'api', mark: 'tbm' + i + 'x' }),
  date: () => new Date(Date.now()).toISOString(),
  href: () => location.href + document.title,
  noop: (i) => 'x' + i,
}
`
const out = await build({ stdin: { contents: entry, resolveDir: '/work/main', loader: 'js' }, bundle: true, format: 'iife', minify: true, write: false })
const js = out.outputFiles[0].text
const server = createServer((req, res) => {
  const h = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
  if (req.url === '/b.js') { res.writeHead(200, { ...h, 'content-type': 'text/javascript' }); return res.end(js) }
  res.writeHead(200, { ...h, 'content-type': 'text/html' }); res.end('<!doctype html><title>x</title><script src="/b.js"></script>')
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
for (const name of (process.argv[3] ?? 'noop,toJson,toJson2,stringify,uuid').split(',')) {
  const rows = []
  for (let r = 0; r < 6; r++) {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`http://127.0.0.1:${server.address().port}/`)
    rows.push(await page.evaluate((name) => new Promise((resolve) => setTimeout(() => {
      const f = window.__fns[name]; const s = performance.now()
      for (let i = 0; i < 1000; i++) f(i)
      const a = performance.now() - s; const s2 = performance.now()
      for (let i = 0; i < 1000; i++) f(i)
      resolve([a, performance.now() - s2].map((x) => x.toFixed(1)).join('/'))
    })), name))
    await page.context().close()
  }
  console.log(name.padEnd(10), rows.join('  '), '(cold/warm ms per 1000)')
}
await browser.close(); server.close()
