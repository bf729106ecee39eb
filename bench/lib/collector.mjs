// The bench collector: node:http on 127.0.0.1, one inbox per run (`/c/<run>/…`). It counts
// requests, body bytes and the touchpoints it accepted, answers 200 or 503 as the run asks, and
// answers the config fetches some peers make before they send anything.
import { createServer } from 'node:http'
import { gunzipSync } from 'node:zlib'

// Every bench touchpoint carries `tbm<i>x` in one of its props, whatever the SDK's wire format.
const MARK = /tbm(\d+)x/g

/** Where a bench page beacons its measurements: `<collector url>/__result`. */
export const RESULT_PATH = '/__result'

const createInbox = () => ({
  status: 200,
  requests: 0,
  preflights: 0,
  rejected: 0,
  bodyBytes: 0,
  headerBytes: 0,
  // mark number → ms since the epoch when a 2xx answer first carried it
  accepted: new Map(),
  deliveries: 0,
  seen: new Set(),
  paths: new Map(),
  // The last few bodies, decoded, for the error message when a contender delivers nothing.
  bodies: [],
})

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })

// PostHog gzips (`?compression=gzip-js`) or base64-encodes form bodies; the others send JSON text.
const decode = (body, url, headers) => {
  try {
    const gzipped =
      headers['content-encoding'] === 'gzip' ||
      url.searchParams.get('compression') === 'gzip-js' ||
      (body[0] === 0x1f && body[1] === 0x8b)
    const text = (gzipped ? gunzipSync(body) : body).toString('utf8')
    if (!text.startsWith('data=')) return text
    const data = decodeURIComponent(text.slice(5).split('&')[0].replace(/\+/g, ' '))
    return Buffer.from(data, 'base64').toString('utf8')
  } catch {
    // Not a format we know: search the raw bytes, a miss shows up as a missing touchpoint.
    return body.toString('utf8')
  }
}

const marksIn = (text) => [...text.matchAll(MARK)].map((match) => Number(match[1]))

const cors = (req) => ({
  // Echo the origin, not `*`: Snowplow and Segment send credentials, which `*` would refuse.
  'Access-Control-Allow-Origin': req.headers.origin ?? '*',
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
  'Access-Control-Max-Age': '600',
  // Lets a cross-origin-isolated page (COEP require-corp) read no-cors answers too.
  'Cross-Origin-Resource-Policy': 'cross-origin',
  Vary: 'Origin',
})

// What a peer's config fetch gets: an empty script, or an empty JSON object.
const configAnswer = (path) =>
  path.endsWith('.js') ? ['text/javascript', ''] : ['application/json', '{}']

const headerBytes = (req) =>
  req.rawHeaders.reduce((sum, part) => sum + part.length + 2, 0) +
  req.method.length +
  req.url.length +
  12

/** Starts the collector; `inbox(run)` gives a run's counters, `url(run)` its base URL. */
export const startCollector = async () => {
  const inboxes = new Map()
  const inbox = (run) => {
    if (!inboxes.has(run)) inboxes.set(run, createInbox())
    return inboxes.get(run)
  }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1')
    const [, root, run, ...rest] = url.pathname.split('/')
    if (root !== 'c' || !run) {
      res.writeHead(404).end()
      return
    }
    const box = inbox(run)
    const path = '/' + rest.join('/')
    if (path === RESULT_PATH) {
      // The page's own measurements, beaconed: not traffic of the contender, so not counted.
      const body = await readBody(req).catch(() => Buffer.alloc(0))
      try {
        box.result = JSON.parse(body.toString('utf8'))
      } catch {
        box.result = { invalid: true } // reported as a scenario without numbers
      }
      res.writeHead(204, cors(req)).end()
      return
    }
    if (req.method === 'OPTIONS') {
      box.preflights += 1
      res.writeHead(204, cors(req)).end()
      return
    }
    const body = await readBody(req).catch(() => Buffer.alloc(0))
    box.requests += 1
    box.bodyBytes += body.length
    box.headerBytes += headerBytes(req)
    box.paths.set(`${req.method} ${path}`, (box.paths.get(`${req.method} ${path}`) ?? 0) + 1)
    const text = decode(body, url, req.headers)
    const marks = marksIn(text)
    if (body.length) box.bodies = [...box.bodies.slice(-4), text.slice(0, 2_000)]
    for (const mark of marks) box.seen.add(mark)
    if (req.method !== 'POST' && marks.length === 0) {
      const [type, text] = configAnswer(path)
      res.writeHead(200, { ...cors(req), 'Content-Type': type }).end(text)
      return
    }
    if (box.status >= 300) {
      box.rejected += 1
      res.writeHead(box.status, { ...cors(req), 'Content-Type': 'text/plain' }).end('down')
      return
    }
    const now = Date.now()
    box.deliveries += marks.length
    for (const mark of marks) if (!box.accepted.has(mark)) box.accepted.set(mark, now)
    // PostHog and Segment read JSON answers; `{}` satisfies every peer here.
    res.writeHead(200, { ...cors(req), 'Content-Type': 'application/json' }).end('{"status":1}')
  })
  server.keepAliveTimeout = 30_000
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  return {
    base,
    url: (run) => `${base}/c/${run}`,
    inbox,
    setStatus: (run, status) => {
      inbox(run).status = status
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(resolve)
      }),
  }
}
