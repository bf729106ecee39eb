// GET /static/<path> for test/support/collector.ts: files from test/pages/, then dist/, so e2e pages and
// the script they load share the collector's origin.
import type { ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const STATIC_DIRS = [join(ROOT, 'test', 'pages'), join(ROOT, 'dist')]
const TYPES: Record<string, string> = {
  '.html': 'text/html;charset=utf-8',
  '.js': 'text/javascript;charset=utf-8',
  '.mjs': 'text/javascript;charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
}
// `?csp=strict`: no inline script, no eval, connections to this origin only.
const STRICT_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'"

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Serves `path`; with `?csp=strict` (or `?csp=<policy>`) the page gets that CSP header.
 * Pages may hold `{{name}}`: the query parameter `name`, HTML-escaped (empty when absent), so a
 * test can give a page its collector URL: /static/basic.html?collector=…
 */
export const serveStatic = async (res: ServerResponse, path: string, query: URLSearchParams) => {
  const relative = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '')
  for (const dir of STATIC_DIRS) {
    const file = join(dir, relative)
    if (!file.startsWith(dir + sep)) break
    let content: Buffer
    try {
      content = await readFile(file)
    } catch {
      continue
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-store' }
    const csp = query.get('csp')
    if (csp) headers['Content-Security-Policy'] = csp === 'strict' ? STRICT_CSP : csp
    const body = type.startsWith('text/html')
      ? content
          .toString('utf8')
          .replace(/\{\{(\w+)\}\}/g, (_, name: string) => escapeHtml(query.get(name) ?? ''))
      : content
    res.writeHead(200, headers)
    res.end(body)
    return
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' })
  res.end(`no such file: ${path}`)
}
