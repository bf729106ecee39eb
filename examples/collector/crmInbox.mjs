// The demo's CRM inbox (issue 16): a stand-in CRM on the collector itself, so `npm run demo`
// shows the hand-off work. POST /crm/inbox checks the signature and keeps what arrived (in
// memory, the last 200); GET /crm/inbox.json lists it (behind the read token); GET /crm/ shows it.
import { timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { signature } from './crmHandoff.mjs'

const KEEP = 200
const MAX_BODY = 1_000_000
const PAGE = new URL('./crmInbox.html', import.meta.url)

/** True when `header` is the signature of `body` under `secret`. */
export const verifySignature = (secret, body, header = '') => {
  const expected = Buffer.from(signature(secret, body))
  const given = Buffer.from(String(header))
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * Returns `handle(req, res, pathname, mayRead)`: true when it answered.
 * @param {{ secret: string }} options
 */
export const createCrmInbox = ({ secret }) => {
  const arrived = []
  const seen = new Map()

  const receive = async (req, res) => {
    const chunks = []
    let size = 0
    for await (const chunk of req) {
      size += chunk.length
      if (size > MAX_BODY) return send(res, 413, { error: 'too large' })
      chunks.push(chunk)
    }
    const body = Buffer.concat(chunks).toString('utf8')
    const valid = verifySignature(secret, body, req.headers['x-touchtrail-signature'])
    const key = String(req.headers['idempotency-key'] ?? '')
    let parsed = {}
    try {
      parsed = JSON.parse(body)
    } catch {
      // Kept as it came: the page shows that it did not parse.
    }
    // A CRM deduplicates by the idempotency key; the page counts the repeats it saw.
    const repeats = seen.get(key) ?? 0
    seen.set(key, repeats + 1)
    arrived.unshift({
      at: new Date().toISOString(),
      key,
      valid,
      repeat: repeats > 0,
      event: parsed.event ?? null,
      customer: parsed.customer ?? null,
    })
    arrived.splice(KEEP)
    // A bad signature is refused: the collector keeps it and retries, which shows on the page.
    send(res, valid ? 200 : 401, { ok: valid })
  }

  return async (req, res, pathname, mayRead) => {
    if (pathname === '/crm/inbox' && req.method === 'POST') await receive(req, res)
    else if (pathname === '/crm/inbox.json' && req.method === 'GET') {
      if (mayRead(req)) send(res, 200, { arrived })
      else send(res, 401, { error: 'the inbox needs Authorization: Bearer <read token>' })
    } else if ((pathname === '/crm/' || pathname === '/crm') && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(await readFile(PAGE))
    } else return false
    return true
  }
}

const send = (res, status, body) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}
