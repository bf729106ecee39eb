// Serves one example site (the storefront or the blog) with the SDK beside it, the way a site
// owner would deploy it: the site's files at /, the package's dist/ at /sdk/, and the SDK's two
// runtime dependencies at /vendor/ for the npm entry's bare imports (see the import map in
// storefront/index.html; a bundler does this job in a real build).
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { createStaticHandler } from './static.mjs'
import { closeServer, listen } from './listen.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * Starts a static site on host:port; `%COLLECTOR_URL%` in its HTML becomes `collectorUrl`, and
 * `%NAME%` the value of NAME in `replacements` (or given later with `define`, for two sites that
 * link each other). `urlHost` names the host in the site's URL when it is not `host`: the blog
 * listens on 127.0.0.1 and is reached as localhost, another host name than the shop's.
 * @param {{ name: string, root: string, collectorUrl: string, port?: number, host?: string,
 *   urlHost?: string, spa?: boolean, replacements?: Record<string, string>, sdkDir?: string }} options
 * @returns {Promise<{ url: string, host: string, define(values: Record<string, string>): void,
 *   close(): Promise<void> }>}
 */
export const startSite = async ({
  name,
  root,
  collectorUrl,
  port = 0,
  host = '127.0.0.1',
  urlHost = host,
  spa = false,
  replacements = {},
  sdkDir = join(repo, 'dist'),
}) => {
  // One object the handler reads at each request, so define() reaches pages served after it.
  const values = { ...replacements, COLLECTOR_URL: collectorUrl }
  const serve = createStaticHandler({
    mounts: {
      '/': root,
      '/sdk/': sdkDir,
      '/vendor/idb-keyval/': join(repo, 'node_modules', 'idb-keyval', 'dist'),
      '/vendor/web-vitals/': join(repo, 'node_modules', 'web-vitals', 'dist'),
    },
    spaFallback: spa,
    replacements: values,
  })
  const server = createServer((req, res) => {
    serve(req, res).then(
      (served) => {
        if (!served) res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
      },
      () => res.writeHead(500).end(),
    )
  })
  const url = (await listen(server, { port, host, name })).replace(`//${host}:`, `//${urlHost}:`)
  return {
    url,
    host: urlHost,
    define: (more) => Object.assign(values, more),
    close: () => closeServer(server),
  }
}
