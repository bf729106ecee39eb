// The page server: a blank page per contender on its own origin (so every SDK talks to the
// collector cross-origin, as on a real site), with the probes installed before the SDK loads.
import { createServer } from 'node:http'

// Runs before the SDK: counts IndexedDB write transactions and localStorage writes, and keeps
// every long task, so the page can report what the SDK did to the main thread.
const PROBES = `
(() => {
  const probe = window.__probe = { idbWrites: [], idbAll: 0, lsWrites: [], longTasks: [] }
  const transaction = IDBDatabase.prototype.transaction
  IDBDatabase.prototype.transaction = function (stores, mode) {
    probe.idbAll += 1
    if (mode === 'readwrite') probe.idbWrites.push(performance.now())
    return transaction.apply(this, arguments)
  }
  const setItem = Storage.prototype.setItem
  Storage.prototype.setItem = function () {
    probe.lsWrites.push(performance.now())
    return setItem.apply(this, arguments)
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks.push({ start: entry.startTime, duration: entry.duration })
    }
  }).observe({ type: 'longtask', buffered: true })
})()`

const page = (name, config, body = '') => `<!doctype html>
<html><head><meta charset="utf-8"><title>bench ${name}</title>
<script>window.__benchConfig = ${JSON.stringify(config)}</script>
<script>${PROBES}</script>
${body}
</head><body><p>bench page for ${name}</p></body></html>`

// Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
// https://developer.chrome.com/blog/cross-origin-isolated-hr-timers
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

/**
 * Starts the page server. `bundles` maps a contender name to its browser file; `extraPages`
 * maps a page name to raw HTML (the script-tag check).
 * `/p/<name>?run=<id>&isolated=1` is a contender's page, pointed at `collectorUrl(run)`.
 */
export const startPages = async ({ bundles, extraPages = {}, collectorUrl, collectorBase }) => {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1')
    const [, kind, name] = url.pathname.split('/')
    const headers = url.searchParams.get('isolated') === '1' ? ISOLATION : {}
    if (kind === 'b' && bundles.has(name?.replace(/\.js$/, ''))) {
      res
        .writeHead(200, {
          'Content-Type': 'text/javascript',
          'Cache-Control': 'no-store',
          'Cross-Origin-Resource-Policy': 'same-origin',
        })
        .end(bundles.get(name.replace(/\.js$/, '')))
      return
    }
    if (kind === 'p' && bundles.has(name)) {
      const run = url.searchParams.get('run') ?? 'none'
      const config = { collector: collectorUrl(run), collectorBase, run }
      const script = `<script src="/b/${name}.js"></script>`
      res
        .writeHead(200, {
          'Content-Type': 'text/html;charset=utf-8',
          'Cache-Control': 'no-store',
          ...headers,
        })
        .end(page(name, config, script))
      return
    }
    if (kind === 'x' && extraPages[name]) {
      const run = url.searchParams.get('run') ?? 'none'
      res
        .writeHead(200, { 'Content-Type': 'text/html;charset=utf-8', 'Cache-Control': 'no-store' })
        .end(page(name, { run }, extraPages[name](collectorUrl(run))))
      return
    }
    res.writeHead(404).end()
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  return {
    base,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(resolve)
      }),
  }
}
