import { backoffMs } from '../core/backoff'
import { ENVELOPE_BYTES, takeBatch, utf8Length, type QueueRecord } from '../core/batch'
import { outcomeOf } from '../core/retry'
import type { Report } from '../lib/report'
import type { Queue } from '../storage/queue'
import type { FlushResult } from '../types'
import type { Poster } from './collector'
import { KEEPALIVE_MAX_BYTES } from './http'
import { withTabLock } from './tabLock'

/** What the sender needs; all of it plain values and functions. */
export interface SenderOptions {
  queue: Queue
  post: Poster
  maxEvents: number
  maxBytes: number
  intervalMs: number
  /** The queue's name: the site's tabs share its send lock (`name:sender`) and broadcast (`name:sent`). */
  name: string
  /** Most records this page still owes at page hide (the queue's bound). */
  max: number
  report: Report
  /** False while consent is not granted: nothing is sent. */
  canSend: () => boolean
  log: (message: string, detail?: unknown) => void
}

/** Moves touchpoints from the queue to the collector. */
export interface Sender {
  /** Queues a touchpoint this page tracked and schedules its send. */
  add(record: QueueRecord): void
  /** Sends what is queued within `withinMs` (`intervalMs`), at once if a batch is full. */
  schedule(withinMs?: number): void
  /** Sends all it may now; counts only what this call tried. */
  flush(): Promise<FlushResult>
  /** The page is hidden or going away: store what is unwritten, send what this page owes with keepalive. */
  sendOnHide(): void
  /** Deletes the queue and forgets what this page owes: on denial. */
  purge(): Promise<void>
  stop(): void
}

export const createSender = (options: SenderOptions): Sender => {
  const { queue, post, maxEvents, maxBytes, intervalMs, name, max, report, canSend, log } = options
  const inFlight = new Set<string>()
  // This page's records not yet delivered by any tab: what it can still send as it goes away.
  let owed: QueueRecord[] = []
  const forget = (ids: readonly string[]) => {
    const delivered = new Set(ids)
    owed = owed.filter((record) => !delivered.has(record.id))
  }
  // Another tab of the site delivered these: a closing tab must not send them again.
  const sent =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${name}:sent`) : undefined
  if (sent) sent.onmessage = (event: MessageEvent<string[]>) => forget(event.data)
  const done = (ids: readonly string[]) => {
    forget(ids)
    sent?.postMessage(ids)
    return queue.remove(ids) // deleted with the next write; reads skip it already
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  let retryAt = 0
  let attempt = 0
  let queuedSinceSend = 0
  let stopped = false

  // One timer, for the earliest send due: a retry can bring it forward, never push it back.
  let timerAt = Infinity
  const wake = (delayMs: number) => {
    const at = Math.max(Date.now() + delayMs, retryAt)
    if (stopped || at >= timerAt) return
    clearTimeout(timer)
    timerAt = at
    timer = setTimeout(() => {
      timerAt = Infinity
      void run(false)
    }, at - Date.now())
  }

  const send = async (): Promise<FlushResult> => {
    let sent = 0
    let failed = 0
    let size = maxEvents
    // A few ms of slack: timers and Date.now() run on different clocks.
    while (canSend() && Date.now() + 5 >= retryAt && navigator.onLine !== false) {
      const records = (await queue.read(size + inFlight.size)).filter((r) => !inFlight.has(r.id))
      const batch = takeBatch(records, size, maxBytes)
      if (!batch.length) break
      const ids = batch.map((record) => record.id)
      ids.forEach((id) => inFlight.add(id))
      queuedSinceSend = 0
      const answer = await post(batch)
      ids.forEach((id) => inFlight.delete(id))
      const outcome = outcomeOf(answer.status)
      log(`batch of ${ids.length}: ${answer.status || 'no answer'} → ${outcome}`)
      if (outcome === 'ok') {
        void done(ids)
        sent += ids.length
        attempt = 0 // size stays: after a 413 the collector's limit is known to be lower
      } else if (outcome === 'split' && ids.length > 1) {
        size = Math.ceil(ids.length / 2) // 413: the same records again, in halves
      } else if (outcome === 'retry') {
        failed += ids.length
        retryAt = Date.now() + backoffMs(++attempt, answer.retryAfter, Date.now())
        report('delivery_failed', 'batch not accepted; retried later', answer)
        wake(0)
        break
      } else {
        void done(ids)
        report('batch_rejected', `collector answered ${answer.status}: batch dropped`, {
          status: answer.status,
          ids,
        })
      }
    }
    const pending = Math.max(0, (await queue.size()) - failed - inFlight.size)
    return { sent, failed, pending }
  }

  // Timer runs skip when another tab is sending; flush() waits its turn.
  // A timer run that finds this tab's own run under way asks it to go round once more instead:
  // what was queued meanwhile must not wait a whole interval.
  let running = 0
  let again = false
  const run = async (wait: boolean): Promise<FlushResult> => {
    if (running && !wait) {
      again = true
      return { sent: 0, failed: 0, pending: 0 }
    }
    let result: FlushResult | undefined
    running++
    try {
      result = await withTabLock(`${name}:sender`, wait, send)
    } catch (cause) {
      report('internal', 'sending failed', cause)
    }
    running--
    // Within a backoff, wake() moves the time up to the retry; otherwise the next interval.
    if (again || (canSend() && (!result || result.pending))) {
      wake(again || Date.now() < retryAt ? 0 : intervalMs)
    }
    again = false
    return result ?? { sent: 0, failed: 0, pending: await queue.size().catch(() => 0) }
  }

  const onOnline = () => {
    retryAt = 0
    void run(false)
  }
  addEventListener('online', onOnline)

  const schedule = (withinMs = intervalMs) => wake(++queuedSinceSend >= maxEvents ? 0 : withinMs)

  return {
    add: (record) => {
      queue.add(record)
      if (owed.push(record) > max) owed.shift()
      schedule()
    },
    schedule,
    flush: () => run(true),
    sendOnHide: () => {
      queue.persistNow()
      if (!canSend() || Date.now() < retryAt) return
      let records = owed.filter((record) => !inFlight.has(record.id))
      // Counted as JSON, which the keepalive body is; the poster checks the exact bytes.
      let budget = KEEPALIVE_MAX_BYTES
      while (records.length) {
        const batch = takeBatch(records, maxEvents, Math.min(maxBytes, budget))
        budget -= batch.reduce((sum, record) => sum + utf8Length(record.json) + 1, ENVELOPE_BYTES)
        if (budget < 0) break
        records = records.slice(batch.length)
        const ids = batch.map((record) => record.id)
        ids.forEach((id) => inFlight.add(id))
        void post(batch, true).then((answer) => {
          ids.forEach((id) => inFlight.delete(id))
          if (outcomeOf(answer.status) === 'ok') void done(ids)
        })
      }
    },
    purge: () => {
      owed = []
      return queue.purge()
    },
    stop: () => {
      stopped = true
      clearTimeout(timer)
      timerAt = Infinity
      removeEventListener('online', onOnline)
      sent?.close()
    },
  }
}
