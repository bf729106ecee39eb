// A small static file server for the examples: mounted folders, an SPA fallback, and %NAME%
// placeholders in HTML so a page can be told where the collector is without a build step.
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Makes a request handler serving `mounts` (URL prefix → folder). It resolves true when it
 * answered, false when no file matched (so the caller can answer 404 or try its own routes).
 * @param {{ mounts: Record<string, string>, spaFallback?: boolean,
 *   replacements?: Record<string, string> }} options
 */
export const createStaticHandler = ({ mounts, spaFallback = false, replacements = {} }) => {
  // Longest prefix first, so /sdk/ wins over /.
  const ordered = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, resolve(dir)])
    .sort(([a], [b]) => b.length - a.length)

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    const { pathname } = new URL(req.url, 'http://x')
    let path
    try {
      path = decodeURIComponent(pathname)
    } catch {
      return false
    }
    for (const [prefix, dir] of ordered) {
      if (`${path}/` === prefix) {
        redirect(res, `${prefix}${search(req)}`)
        return true
      }
      if (!path.startsWith(prefix)) continue
      const file = resolve(join(dir, path.slice(prefix.length)))
      if (file !== dir && !file.startsWith(dir + sep)) return false // ../ out of the folder
      const found = await findFile(file)
      if (found) {
        await send(req, res, found, replacements)
        return true
      }
      // Client-side routes (/product/2) are pages of the app; missing assets stay 404s.
      if (spaFallback && prefix === '/' && !extname(path)) {
        await send(req, res, join(dir, 'index.html'), replacements)
        return true
      }
    }
    return false
  }
}

const search = (req) => new URL(req.url, 'http://x').search

const findFile = async (file) => {
  try {
    const info = await stat(file)
    if (info.isFile()) return file
    if (info.isDirectory())
      return (await stat(join(file, 'index.html'))).isFile() ? join(file, 'index.html') : undefined
  } catch {} // not there, or not readable: the same 404 either way
  return undefined
}

const send = async (req, res, file, replacements) => {
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  let body = await readFile(file)
  if (type.startsWith('text/html')) {
    body = body
      .toString('utf8')
      .replace(/%([A-Z_]+)%/g, (match, name) => replacements[name] ?? match)
  }
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' })
  res.end(req.method === 'HEAD' ? undefined : body)
}

const redirect = (res, location) => {
  res.writeHead(301, { Location: location }).end()
}
