// The CRM outbox's SQL, for both databases: what to enqueue, which row to deliver next, and how
// an attempt ends. Rows are keyed by touchpoint id, so enqueueing is idempotent; delivered rows
// stay, so a repeated touchpoint never enqueues again.

// A conversion sent without a userId belongs to the customer its anonymousId had then (the
// latest userId seen on it before, else the first after: SPEC §7 "Customers"); none → not handed
// off. Only identified customers are.
const ENQUEUE = `
  INSERT INTO crm_outbox (id, user_id, kind, ts)
  SELECT id, user_id, kind, ts FROM (
    SELECT t.id, CAST($2 AS VARCHAR) AS kind, t.ts, COALESCE(t.user_id, (
      SELECT o.user_id FROM touchpoints AS o
      WHERE o.anonymous_id = t.anonymous_id AND o.user_id IS NOT NULL
      ORDER BY CASE WHEN o.ts <= t.ts THEN 0 ELSE 1 END,
        CASE WHEN o.ts <= t.ts THEN o.ts END DESC, o.ts, o.id
      LIMIT 1)) AS user_id
    FROM touchpoints AS t WHERE t.id = $1
  ) AS event WHERE user_id IS NOT NULL
  ON CONFLICT DO NOTHING`

/**
 * Enqueues the identifies and conversions among freshly stored rows (validate.mjs rows).
 * @param {{ transaction(fn: (run: Function) => Promise<unknown>): Promise<unknown> }} store
 */
export const enqueue = async (store, rows, conversionTypes) => {
  const events = rows
    .map((row) => ({ id: row.id, kind: eventKind(row.type, conversionTypes) }))
    .filter((event) => event.kind !== undefined)
  if (events.length === 0) return 0
  await store.transaction(async (run) => {
    for (const { id, kind } of events) await run(ENQUEUE, [id, kind])
  })
  return events.length
}

/** 'identify', 'conversion', or undefined for a touchpoint the CRM does not hear about. */
export const eventKind = (type, conversionTypes) => {
  if (type === 'identify') return 'identify'
  if (conversionTypes.includes(type)) return 'conversion'
  return undefined
}

// The next row to deliver: due, and its customer's oldest undelivered one (so order per customer
// holds whichever process delivers). PostgreSQL locks it until the attempt ends; another process
// skips it, and cannot take that customer's next row, as this one is still undelivered.
const claimSql = (dialect) => `
  SELECT o.id, o.user_id, o.kind, o.attempts, o.body FROM crm_outbox AS o
  WHERE o.delivered_at IS NULL AND o.next_at <= current_timestamp
    AND NOT EXISTS (
      SELECT 1 FROM crm_outbox AS p
      WHERE p.user_id = o.user_id AND p.delivered_at IS NULL
        AND (p.ts < o.ts OR (p.ts = o.ts AND p.id < o.id)))
  ORDER BY o.next_at, o.ts, o.id LIMIT 1${dialect.name === 'postgres' ? ' FOR UPDATE OF o SKIP LOCKED' : ''}`

const DELIVERED = `
  UPDATE crm_outbox SET delivered_at = current_timestamp, attempts = attempts + 1, body = $2,
    last_error = NULL
  WHERE id = $1`
const FAILED = `
  UPDATE crm_outbox SET attempts = attempts + 1, body = $2, last_error = $3,
    next_at = current_timestamp + CAST($4 AS INTEGER) * INTERVAL '1 millisecond'
  WHERE id = $1`

/**
 * Claims the next row and runs `attempt(row)` while holding it; `attempt` resolves with
 * `{ body, ok: true }` or `{ body, ok: false, error, retryInMs }`. Resolves false when no row was
 * due. A throw from attempt (the collector closing) leaves the row as it was.
 */
export const deliverNext = (store, attempt) =>
  store.transaction(async (run) => {
    const [row] = await run(claimSql(store.dialect))
    if (!row) return false
    const outcome = await attempt({
      id: row.id,
      userId: row.user_id,
      kind: row.kind,
      attempts: row.attempts,
      body: row.body,
    })
    if (outcome.ok) await run(DELIVERED, [row.id, outcome.body])
    else {
      await run(FAILED, [row.id, outcome.body, outcome.error, Math.round(outcome.retryInMs)])
    }
    return true
  })
