// The example collector: takes touchtrail batches on POST /t, stores them in DuckDB or PostgreSQL
// deduplicated by id, and answers the journey viewer's questions. Run alone:
// node examples/collector/server.mjs --port 8787 --db <file | :memory: | postgres://…>
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeBody, NOT_GZIP, readBody, TOO_LARGE } from './body.mjs'
import { applyCors } from './cors.mjs'
import { collectorOptions, flagHelp, flagSpecs } from './flags.mjs'
import { createReadGuard } from './readGuard.mjs'
import { openStore } from './store.mjs'
import { attributionOptions, DEFAULT_CONVERSIONS } from './attribution/attribute.mjs'
import { summarize } from './customerSummary.mjs'
import { startCrmHandoff } from './crmHandoff.mjs'
import { createCrmInbox } from './crmInbox.mjs'
import { enqueue } from './crmOutbox.mjs'
import { toCsv } from './customersCsv.mjs'
import { SATISFACTION_BYS } from './satisfaction.mjs'
import { parseBatch } from './validate.mjs'
import { rankWeakLinks } from './weakLinks.mjs'
import { createWriter } from './writer.mjs'
import { createStaticHandler } from '../shared/static.mjs'
import { closeServer, listen } from '../shared/listen.mjs'

const here = dirname(fileURLToPath(import.meta.url))
/** Where the DuckDB file goes unless dbPath or TOUCHTRAIL_DB says otherwise. */
export const DEFAULT_DB_PATH = join(here, 'data', 'touchtrail.duckdb')
const DEFAULT_STATIC = {
  '/journey/': join(here, '..', 'journey'),
  '/sdk/': join(here, '..', '..', 'dist'),
}
const MAX_BODY_BYTES = 1_000_000
// JSON after gunzip: 1,000 touchpoints of ~500 B fit with room to spare.
const MAX_INFLATED_BYTES = 2_000_000
// SPEC §7: at least 500 per batch; more is a 413, so the SDK splits the batch.
const MAX_BATCH = 1_000
const DEFAULT_VISITORS = 50
const MAX_VISITORS = 500
const DEFAULT_WEAK_LINKS = 10

/**
 * Starts the collector. Resolves once it listens, with its URL and a close() that stops taking
 * requests, waits for pending inserts to commit and closes the store. `dbPath` is a DuckDB file,
 * ':memory:' or a postgres:// URL; off loopback, `readToken` is required.
 * @param {{ port?: number, host?: string, dbPath?: string, readToken?: string,
 *   staticDirs?: Record<string, string>, maxBodyBytes?: number, maxInflatedBytes?: number,
 *   maxBatch?: number, conversions?: string[], crmWebhook?: string, crmSecret?: string,
 *   crm?: { retryMs?: number, maxRetryMs?: number, pollMs?: number }, crmInbox?: boolean,
 *   log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export const startCollector = async ({
  port = 0,
  host = '127.0.0.1',
  dbPath = process.env.TOUCHTRAIL_DB || DEFAULT_DB_PATH,
  readToken,
  staticDirs = DEFAULT_STATIC,
  maxBodyBytes = MAX_BODY_BYTES,
  maxInflatedBytes = MAX_INFLATED_BYTES,
  maxBatch = MAX_BATCH,
  conversions: conversionTypes = DEFAULT_CONVERSIONS,
  crmWebhook,
  crmSecret,
  crm: crmTiming = {},
  crmInbox = false,
  log = () => {},
} = {}) => {
  // Before the store opens: a collector that must not start should not touch the database.
  const mayRead = createReadGuard({ host, readToken })
  if ((crmWebhook || crmInbox) && !crmSecret) {
    throw new Error('collector: --crm-webhook needs --crm-secret (or TOUCHTRAIL_CRM_SECRET)')
  }
  const store = await openStore(dbPath)
  // Started once the collector listens: the demo's inbox is the collector's own URL.
  let crm
  const inbox = crmInbox ? createCrmInbox({ secret: crmSecret }) : undefined
  const writer = createWriter(store)
  const serveStatic = createStaticHandler({ mounts: staticDirs })

  const ingest = async (req, res, query) => {
    let text
    try {
      const bytes = await readBody(req, maxBodyBytes)
      text = await decodeBody(bytes, { compression: query.get('compression'), maxInflatedBytes })
    } catch (error) {
      if (error === NOT_GZIP) {
        sendJson(res, 400, { error: 'body is not valid gzip' })
      } else if (error === TOO_LARGE) {
        const limits = `${maxBodyBytes} bytes sent or ${maxInflatedBytes} bytes inflated`
        sendJson(res, 413, { error: `body is larger than ${limits}` }, { Connection: 'close' })
      } else {
        throw error
      }
      return
    }
    const parsed = parseBatch(text, { maxBatch })
    if (parsed.tooMany) {
      sendJson(res, 413, { error: parsed.error })
      return
    }
    if (parsed.error) {
      sendJson(res, 400, { error: parsed.error })
      return
    }
    const { accepted, duplicates } = await writer.write(parsed.rows)
    // After the rows committed and before the answer: a failure here is a 500, the SDK sends the
    // batch again, and enqueueing (keyed by touchpoint id) does not repeat what it already did.
    if (crm && (await enqueue(store, parsed.rows, conversionTypes)) > 0) crm.poke()
    const answer = {
      accepted,
      rejected: parsed.rejected,
      duplicates: duplicates + parsed.duplicates,
    }
    if (parsed.reasons.length > 0) answer.errors = parsed.reasons
    log(`POST /t from ${req.headers.origin ?? 'no origin'}: ${JSON.stringify(answer)}`)
    sendJson(res, 200, answer)
  }

  const api = async (req, res, path, query) => {
    if (!mayRead(req)) {
      sendJson(
        res,
        401,
        { error: 'the read API needs Authorization: Bearer <read token>' },
        { 'WWW-Authenticate': 'Bearer realm="touchtrail"' },
      )
    } else if (path === '/api/journeys') {
      const limit = clamp(Number(query.get('limit') || DEFAULT_VISITORS), 1, MAX_VISITORS)
      sendJson(res, 200, { visitors: await store.visitors(limit) })
    } else if (path.startsWith('/api/journeys/')) {
      const anonymousId = decode(path.slice('/api/journeys/'.length))
      const touchpoints = anonymousId ? await store.journey(anonymousId) : []
      if (touchpoints.length === 0) {
        sendJson(res, 404, { error: `no touchpoints for ${anonymousId ?? 'that id'}` })
      } else {
        sendJson(res, 200, { anonymousId, touchpoints })
      }
    } else if (path === '/api/funnel') {
      sendJson(res, 200, await store.funnel())
    } else if (path === '/api/channels') {
      sendJson(res, 200, { rows: await store.channels() })
    } else if (path === '/api/customers') {
      const limit = clamp(Number(query.get('limit') || DEFAULT_VISITORS), 1, MAX_VISITORS)
      sendJson(res, 200, { customers: await store.customers({ limit, conversionTypes }) })
    } else if (path === '/api/customers.csv') {
      const summaries = []
      await store.identifiedJourneys((userId, touchpoints) =>
        summaries.push(summarize(userId, touchpoints, { conversionTypes })),
      )
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': 'attachment; filename="customers.csv"',
      })
      res.end(toCsv(summaries))
    } else if (path.startsWith('/api/customers/')) {
      const userId = decode(path.slice('/api/customers/'.length))
      const touchpoints = userId ? await store.customerJourney(userId) : []
      if (touchpoints.length === 0) {
        sendJson(res, 404, { error: `no customer ${userId ?? 'by that id'}` })
      } else {
        const summary = summarize(userId, touchpoints, { conversionTypes })
        sendJson(res, 200, { userId, summary, touchpoints })
      }
    } else if (path === '/api/attribution') {
      let options
      try {
        options = attributionOptions(query, conversionTypes)
      } catch (error) {
        if (!(error instanceof RangeError)) throw error
        sendJson(res, 400, { error: error.message })
        return
      }
      sendJson(res, 200, await store.attribution(options))
    } else if (path === '/api/satisfaction') {
      const by = query.get('by') ?? 'type'
      if (!SATISFACTION_BYS.includes(by)) {
        sendJson(res, 400, { error: `by must be one of ${SATISFACTION_BYS.join(', ')}` })
      } else {
        sendJson(res, 200, { rows: await store.satisfaction(by) })
      }
    } else if (path === '/api/weak-links') {
      const limit = clamp(Number(query.get('limit') || DEFAULT_WEAK_LINKS), 1, MAX_VISITORS)
      const [type, page] = await Promise.all([
        store.satisfaction('type'),
        store.satisfaction('page'),
      ])
      sendJson(res, 200, { rows: rankWeakLinks({ type, page }, { limit }) })
    } else {
      sendJson(res, 404, { error: `no such API: ${path}` })
    }
  }

  const handle = async (req, res) => {
    if (applyCors(req, res)) return
    const { pathname, searchParams } = new URL(req.url, 'http://x')
    if (pathname === '/t') {
      if (req.method === 'POST') await ingest(req, res, searchParams)
      else sendJson(res, 405, { error: 'POST touchpoint batches here' }, { Allow: 'POST, OPTIONS' })
    } else if (pathname.startsWith('/api/') && req.method === 'GET') {
      await api(req, res, pathname, searchParams)
    } else if (inbox && pathname.startsWith('/crm') && (await inbox(req, res, pathname, mayRead))) {
      // The demo's CRM inbox answered.
    } else if (pathname === '/' && req.method === 'GET') {
      res.writeHead(302, { Location: '/journey/' }).end()
    } else if (!(await serveStatic(req, res))) {
      sendJson(res, 404, { error: `not found: ${pathname}` })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log(`${req.method} ${req.url} failed: ${error.stack ?? error}`)
      // 500: the SDK keeps the batch and retries, which is what a failed insert needs.
      if (!res.headersSent)
        sendJson(res, 500, { error: 'the collector failed to store this batch' })
      else res.destroy()
    })
  })
  let url
  try {
    url = await listen(server, { port, host, name: 'collector' })
  } catch (error) {
    await store.close()
    throw error
  }
  const webhook = crmWebhook ?? (crmInbox ? `${url}/crm/inbox` : undefined)
  if (webhook) {
    crm = startCrmHandoff({
      store,
      url: webhook,
      secret: crmSecret,
      conversionTypes,
      log,
      ...crmTiming,
    })
  }
  return {
    url,
    ...(webhook ? { crmWebhook: webhook } : {}),
    close: async () => {
      await closeServer(server)
      await writer.drain()
      await crm?.close()
      await store.close()
    },
  }
}

const clamp = (value, low, high) =>
  Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), low), high) : low

const decode = (text) => {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined // a malformed %-escape names no visitor
  }
}

const sendJson = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

const HELP = `node examples/collector/server.mjs [options]

${flagHelp()}
  --help`

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  try {
    const { values } = parseArgs({ options: { ...flagSpecs(), help: { type: 'boolean' } } })
    if (values.help) {
      console.log(HELP)
      process.exit(0)
    }
    const { quiet, ...options } = collectorOptions(values)
    const log = quiet ? undefined : (line) => console.log(line)
    const collector = await startCollector({ port: 8787, ...options, log })
    console.log(
      `touchtrail collector: POST ${collector.url}/t · journey map ${collector.url}/journey/`,
    )
    const stop = async () => {
      await collector.close()
      process.exit(0)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  } catch (error) {
    console.error(error.message)
    process.exit(1)
  }
}
