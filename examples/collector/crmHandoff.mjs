// The CRM hand-off (SPEC §7, issue 16): delivers the outbox (crmOutbox.mjs) to --crm-webhook.
// Each identify or conversion of an identified customer is POSTed as JSON, `{ event, customer }`
// (the customer's summary as of that event), signed with HMAC-SHA256 of the raw body, with the
// touchpoint's id as Idempotency-Key, and retried with exponential backoff and jitter until a
// 2xx. The body is fixed at the first attempt, so every retry sends the same bytes.
import { createHmac } from 'node:crypto'
import { summarize } from './customerSummary.mjs'
import { deliverNext } from './crmOutbox.mjs'

/** The X-Touchtrail-Signature value of a body: `sha256=<hex HMAC-SHA256>`. */
export const signature = (secret, body) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

/**
 * Wait before the next attempt after `failures` failed ones (1, 2, …): `retryMs` doubled each
 * time up to `maxRetryMs`, then a random part of its second half ("equal jitter"), so receivers
 * coming back are not hit by every collector at once.
 */
export const backoffMs = (failures, { retryMs, maxRetryMs, random = Math.random }) => {
  const ceiling = Math.min(maxRetryMs, retryMs * 2 ** (failures - 1))
  return ceiling / 2 + (random() * ceiling) / 2
}

/** The webhook body of an outbox row: the event and the customer's summary up to it. */
export const webhookBody = async (store, row, conversionTypes) => {
  const journey = await store.customerJourney(row.userId)
  const at = journey.findIndex((tp) => tp.id === row.id)
  const event = journey[at]
  const upTo = at === -1 ? journey : journey.slice(0, at + 1)
  return JSON.stringify({
    event: { id: row.id, kind: row.kind, type: event?.type ?? null, ts: event?.ts ?? null },
    customer: summarize(row.userId, upTo, { conversionTypes }),
  })
}

/**
 * Starts delivering; `poke()` says rows were enqueued, `close()` stops (an attempt in flight is
 * aborted and its row left undelivered, for the next start).
 * @param {{ store: object, url: string, secret: string, conversionTypes: string[],
 *   retryMs?: number, maxRetryMs?: number, pollMs?: number, timeoutMs?: number,
 *   log?: (line: string) => void }} options
 */
export const startCrmHandoff = ({
  store,
  url,
  secret,
  conversionTypes,
  retryMs = 1_000,
  maxRetryMs = 300_000,
  // Rows another process enqueued, and retries coming due, are found at least this often.
  pollMs = 1_000,
  timeoutMs = 10_000,
  log = () => {},
}) => {
  const closing = new AbortController()
  let stopped = false
  let soonest = Infinity
  const sleepers = new Set()
  const wake = () => {
    for (const done of sleepers) done()
  }
  const sleep = (ms) =>
    new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        sleepers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      sleepers.add(done)
    })

  const attempt = async (row) => {
    const body = row.body ?? (await webhookBody(store, row, conversionTypes))
    let error
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': row.id,
          'X-Touchtrail-Signature': signature(secret, body),
          'User-Agent': 'touchtrail-collector',
        },
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]),
      })
      await response.arrayBuffer().catch(() => {})
      if (response.ok) return { ok: true, body }
      error = `HTTP ${response.status}`
    } catch (cause) {
      if (closing.signal.aborted) throw cause
      error = cause.message
    }
    const retryInMs = backoffMs(row.attempts + 1, { retryMs, maxRetryMs })
    soonest = Math.min(soonest, Date.now() + retryInMs)
    log(`crm: ${row.kind} ${row.id} for ${row.userId}: ${error}; retry in ${retryInMs} ms`)
    return { ok: false, body, error, retryInMs }
  }

  const loop = async () => {
    while (!stopped) {
      let found = false
      try {
        found = await deliverNext(store, attempt)
      } catch (error) {
        if (!stopped) log(`crm: ${error.message}`)
      }
      if (found || stopped) continue
      // A few ms late, so a retry due now by the database's clock is due when we ask.
      const wait = Math.max(0, Math.min(pollMs, soonest - Date.now() + 5))
      soonest = Infinity
      await sleep(wait)
    }
  }

  // DuckDB has no row locks: one delivery at a time. PostgreSQL: two, other customers' rows.
  const loops = Array.from({ length: store.dialect.name === 'postgres' ? 2 : 1 }, loop)
  return {
    poke: wake,
    close: async () => {
      stopped = true
      closing.abort()
      wake()
      await Promise.all(loops)
    },
  }
}
