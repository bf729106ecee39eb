// A test collector on node:http: keeps every request per inbox (the first path segment), answers
// what a test scripted, and serves dist/ and test/pages/ so e2e pages share its origin.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { gunzipSync } from 'node:zlib'
import type { AddressInfo, Socket } from 'node:net'
import { serveStatic } from './collectorStatic'

/** One scripted answer to a POST. */
export interface Reply {
  /** HTTP status. @defaultValue 200 */
  status?: number
  /** Value of the Retry-After header. */
  retryAfter?: string
  /** Never answer; the request ends when the client gives up. */
  hang?: boolean
  /** Destroy the socket instead of answering: a network error for the client. */
  reset?: boolean
  /** Wait this long before answering. */
  delayMs?: number
}

/** What the collector noted about one POST, in order of arrival. */
export interface LogEntry {
  /** Arrival, ms since the epoch. */
  at: number
  /** Status answered; 0 when it hung or was reset. */
  status: number
  /** `hang` or `reset` when the request got no answer. */
  outcome: 'answered' | 'hang' | 'reset'
  /** Body length in bytes, as sent (compressed when it was). */
  bytes: number
  /** The request URL's query, e.g. `?compression=gzip`; empty when there is none. */
  query: string
  /** The body was gzip (it starts with 1f 8b) and was gunzipped before it was read. */
  gzipped: boolean
  /** The Content-Type request header. */
  contentType: string | null
  /** When the answer was sent or the connection closed, ms since the epoch; null while open. */
  endedAt: number | null
  /** Other POSTs to this inbox in flight when this one arrived (0: it was alone). */
  concurrent: number
  /** Ids of the touchpoints in the body (empty when it is not JSON with a `batch`). */
  ids: string[]
  /** Request headers, names lower-cased. */
  headers: Record<string, string | string[] | undefined>
}

/** A CORS preflight the collector answered. */
export interface Preflight {
  /** Arrival, ms since the epoch. */
  at: number
  /** The Access-Control-Request-Headers asked for. */
  requestHeaders: string | null
}

interface Inbox {
  accepted: string[]
  log: LogEntry[]
  preflights: Preflight[]
  script: Reply[]
  fallback: Reply
  inFlight: number
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Max-Age': '0',
  // Without this a cross-origin page cannot read Retry-After: it is not a safelisted header.
  'Access-Control-Expose-Headers': 'Retry-After',
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })

const touchpointsOf = (body: string): Array<Record<string, unknown>> => {
  try {
    const parsed = JSON.parse(body) as { batch?: unknown }
    return Array.isArray(parsed.batch) ? (parsed.batch as Array<Record<string, unknown>>) : []
  } catch {
    return [] // Not JSON: the raw body is still kept and logged for the test to look at.
  }
}

const send = (res: ServerResponse, status: number, body: string, type = 'text/plain') => {
  res.writeHead(status, { ...CORS, 'Content-Type': type, 'Cache-Control': 'no-store' })
  res.end(body)
}

/** Starts the collector on 127.0.0.1 at an ephemeral port. */
export const startCollector = async (): Promise<{ url: string; close(): Promise<void> }> => {
  const inboxes = new Map<string, Inbox>()
  const inboxOf = (name: string) => {
    let inbox = inboxes.get(name)
    if (!inbox) {
      inbox = { accepted: [], log: [], preflights: [], script: [], fallback: {}, inFlight: 0 }
      inboxes.set(name, inbox)
    }
    return inbox
  }
  const sockets = new Set<Socket>()

  const onPost = async (req: IncomingMessage, res: ServerResponse, inbox: Inbox) => {
    const at = Date.now()
    const concurrent = inbox.inFlight
    inbox.inFlight += 1
    // Take the scripted reply on arrival, so replies follow arrival order whatever the body size.
    const reply = inbox.script.shift() ?? inbox.fallback
    const entry: LogEntry = {
      at,
      endedAt: null,
      status: 0,
      outcome: 'answered',
      bytes: 0,
      query: new URL(req.url ?? '/', 'http://collector').search,
      gzipped: false,
      contentType: req.headers['content-type'] ?? null,
      concurrent,
      ids: [],
      headers: { ...req.headers },
    }
    inbox.log.push(entry)
    const finish = () => {
      if (entry.endedAt === null) inbox.inFlight -= 1
      entry.endedAt ??= Date.now()
    }
    res.on('close', finish)
    // A compressed body (SPEC §5) is read as any collector would: gunzipped when it starts 1f 8b.
    const raw = await readBody(req)
    entry.bytes = raw.length
    entry.gzipped = raw[0] === 0x1f && raw[1] === 0x8b
    const body = (entry.gzipped ? gunzipSync(raw) : raw).toString('utf8')
    entry.ids = touchpointsOf(body).map((touchpoint) => String(touchpoint.id))
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
    if (reply.hang) {
      entry.outcome = 'hang'
      return
    }
    if (reply.reset) {
      entry.outcome = 'reset'
      req.socket.destroy()
      finish()
      return
    }
    const status = reply.status ?? 200
    entry.status = status
    if (status >= 200 && status < 300) inbox.accepted.push(body)
    const headers: Record<string, string> = { ...CORS, 'Content-Type': 'text/plain' }
    if (reply.retryAfter !== undefined) headers['Retry-After'] = reply.retryAfter
    res.writeHead(status, headers)
    res.end(status === 204 ? undefined : 'ok')
  }

  const onGet = (res: ServerResponse, inbox: Inbox | undefined, view: string | undefined) => {
    const json = (value: unknown) => send(res, 200, JSON.stringify(value), 'application/json')
    if (view === undefined) return send(res, 200, (inbox?.accepted ?? []).join('\n'))
    if (view === 'log') return json(inbox?.log ?? [])
    if (view === 'preflights') return json(inbox?.preflights ?? [])
    if (view === 'touchpoints') return json((inbox?.accepted ?? []).flatMap(touchpointsOf))
    send(res, 404, `unknown view: ${view}`)
  }

  const onPutScript = async (req: IncomingMessage, res: ServerResponse, inbox: Inbox) => {
    const parsed = JSON.parse((await readBody(req)).toString('utf8')) as
      Reply[] | { script?: Reply[]; default?: Reply }
    if (Array.isArray(parsed)) {
      inbox.script = [...parsed]
    } else {
      if (parsed.script) inbox.script = [...parsed.script]
      if (parsed.default) inbox.fallback = parsed.default
    }
    send(res, 204, '')
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://collector')
    const [name = '', view, ...rest] = url.pathname.split('/').slice(1)
    const handle = async () => {
      if (req.method === 'OPTIONS') {
        // Only preflights of the POST path count: a test's own PUT /<inbox>/script has one too.
        if (view === undefined)
          inboxOf(name).preflights.push({
            at: Date.now(),
            requestHeaders: req.headers['access-control-request-headers'] ?? null,
          })
        return send(res, 204, '')
      }
      if (req.method === 'GET' && name === 'static') {
        return serveStatic(res, [view, ...rest].join('/'), url.searchParams)
      }
      if (req.method === 'GET') return onGet(res, inboxes.get(name), view)
      if (req.method === 'PUT' && view === 'script') return onPutScript(req, res, inboxOf(name))
      if (req.method === 'POST') return onPost(req, res, inboxOf(name))
      send(res, 405, 'method not allowed')
    }
    handle().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, String(error))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    // Hanging requests and keep-alive sockets would hold close() open: end them first.
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
