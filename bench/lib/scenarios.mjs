// The browser scenarios. Each opens a fresh context (empty storage) on its own collector inbox,
// drives the contender's page adapter (`window.__contender`) and reads what the collector got.
import { randomUUID } from 'node:crypto'
import { mean, median, percentile } from './stats.mjs'
import { stay, waitFor, within } from './wait.mjs'

const READY_MS = 20_000
const DELIVER_MS = 15_000
const RECOVER_MS = 20_000
// A page whose main thread is still blocked this long after the burst is reported as blocked.
const PROBE_MS = 10_000

// The context may be busy with a peer's leftover work; the browser is killed after anyway.
const closeQuietly = (session) =>
  within(session.context.close(), 2_000, 'context.close').catch(() => {})

const newRun = (name) => `${name}-${randomUUID().slice(0, 8)}`

const openReady = async (env, name, run, query = '') => {
  const session = await env.open(`${env.pagesBase}/p/${name}?run=${run}${query}`)
  await within(
    session.page.evaluate(() => window.__contender.ready),
    READY_MS,
    `${name} ready`,
  )
  return session
}

const trackAll = (page, from, count) =>
  page.evaluate(
    ([from, count]) => {
      for (let i = from; i < from + count; i++) window.__contender.track(i)
    },
    [from, count],
  )

// Touchpoints 0…count-1 accepted; durability's extra touchpoint (1,000,000) does not count.
const acceptedOf = (box, count) => [...box.accepted].filter(([mark]) => mark < count)
const delivered = (box, count) => acceptedOf(box, count).length >= count

// Waits until `count` touchpoints were accepted, or nothing new arrived for `stallMs` (a peer
// that dropped some, e.g. PostHog's client-side rate limit, would otherwise hold the run).
const settle = async (box, count, timeoutMs, stallMs = 4_000) => {
  let last = { size: box.accepted.size, at: Date.now() }
  return waitFor(() => {
    if (delivered(box, count)) return true
    if (box.accepted.size !== last.size) last = { size: box.accepted.size, at: Date.now() }
    return Date.now() - last.at > stallMs
  }, timeoutMs).then(() => delivered(box, count))
}

const describe = (box) =>
  JSON.stringify({
    requests: box.requests,
    rejected: box.rejected,
    preflights: box.preflights,
    accepted: box.accepted.size,
    seen: box.seen.size,
    paths: Object.fromEntries(box.paths),
    lastBody: box.bodies.at(-1)?.slice(0, 400),
  })

/** Asserts the contender delivers to the local collector: 5 touchpoints in, 5 accepted. */
export const smoke = async (env, name) => {
  const run = newRun(name)
  const session = await openReady(env, name, run)
  try {
    await trackAll(session.page, 0, 5)
    const box = env.collector.inbox(run)
    const ok = await waitFor(() => delivered(box, 5), DELIVER_MS)
    if (!ok) {
      throw new Error(
        `${name} did not deliver 5 touchpoints to the local collector within ` +
          `${DELIVER_MS} ms: ${describe(box)}; page errors: ${session.errors.join(' | ')}`,
      )
    }
    return { paths: Object.fromEntries(box.paths), external: session.external }
  } finally {
    await closeQuietly(session)
  }
}

/**
 * Synchronous cost of one track(): `count` calls after `warm` warm-up calls, each timed with
 * performance.now(). A contender whose calls grow slow stops at `budgetMs`; `calls` says so.
 */
export const trackCost = async (env, name, options = {}) => {
  const { warm = 200, count = 2_000, warmBudgetMs = 3_000, budgetMs = 6_000 } = options
  const run = newRun(name)
  // isolated=1: cross-origin isolation, for a 5 µs performance.now() instead of 100 µs.
  const session = await openReady(env, name, run, '&isolated=1')
  try {
    const box = env.collector.inbox(run)
    // Not awaited: the page beacons its numbers, because a peer may keep the main thread busy
    // for minutes after the loop (Snowplow rewriting its queue), and the evaluate answer with it.
    session.page
      .evaluate(
        ([warm, count, warmBudgetMs, budgetMs]) => {
          const contender = window.__contender
          const noop = () => {}
          // The harness floor: the same timing around a call that does nothing.
          const floor = []
          for (let i = 0; i < count; i++) {
            const start = performance.now()
            noop(i)
            floor.push(performance.now() - start)
          }
          const warmEnd = performance.now() + warmBudgetMs
          for (let i = 0; i < warm && performance.now() < warmEnd; i++)
            contender.track(1_000_000 + i)
          const durations = []
          const end = performance.now() + budgetMs
          for (let i = 0; i < count && performance.now() < end; i++) {
            const start = performance.now()
            contender.track(i)
            durations.push(performance.now() - start)
          }
          // Tenths of a µs, as integers: 2 × 2,000 of them fit the 64 KiB beacon limit.
          const tenths = (list) => list.map((ms) => Math.round(ms * 10_000))
          navigator.sendBeacon(
            `${window.__benchConfig.collector}/__result`,
            JSON.stringify({
              durations: tenths(durations),
              floor: tenths(floor),
              isolated: self.crossOriginIsolated,
            }),
          )
        },
        [warm, count, warmBudgetMs, budgetMs],
      )
      .catch(() => {})
    const done = await waitFor(() => box.result, warmBudgetMs + budgetMs + 2 * count + 10_000)
    if (!done || !box.result.durations) {
      throw new Error(`${name} trackCost: the page never reported its timings`)
    }
    const micros = box.result.durations.map((tenths) => tenths / 10)
    const floor = box.result.floor.map((tenths) => tenths / 10)
    return {
      isolated: box.result.isolated,
      calls: micros.length,
      medianUs: median(micros),
      p95Us: percentile(micros, 95),
      meanUs: mean(micros),
      resolutionUs: Math.min(...micros.filter((us) => us > 0)),
      floorMedianUs: median(floor),
      floorP95Us: percentile(floor, 95),
      external: session.external.length,
    }
  } finally {
    await closeQuietly(session)
  }
}

const maxPerWindow = (times, start, windowMs) => {
  const counts = new Map()
  for (const time of times) {
    const slot = Math.floor((time - start) / windowMs)
    counts.set(slot, (counts.get(slot) ?? 0) + 1)
  }
  return Math.max(0, ...counts.values())
}

/** 1,000 touchpoints tracked in one task: what it costs the main thread and IndexedDB. */
export const burst = async (env, name, { count = 1_000, budgetMs = 8_000 } = {}) => {
  const run = newRun(name)
  const session = await openReady(env, name, run)
  try {
    const box = env.collector.inbox(run)
    // In a task of its own, so the long task it makes (if any) is the burst's, not the evaluate's.
    // A contender still tracking after budgetMs stops there; `tracked` says how far it got.
    // The numbers come by beacon, as in trackCost: the evaluate answer may wait for minutes.
    session.page
      .evaluate(
        ([count, budgetMs]) => {
          setTimeout(() => {
            const startPerf = performance.now()
            const startWall = Date.now()
            let tracked = 0
            while (tracked < count && performance.now() - startPerf < budgetMs) {
              window.__contender.track(tracked)
              tracked += 1
            }
            navigator.sendBeacon(
              `${window.__benchConfig.collector}/__result`,
              JSON.stringify({
                startPerf,
                startWall,
                tracked,
                loopMs: performance.now() - startPerf,
              }),
            )
          }, 0)
        },
        [count, budgetMs],
      )
      .catch(() => {})
    if (!(await waitFor(() => box.result, budgetMs + 20_000)) || !box.result.startPerf) {
      throw new Error(`${name} burst: the page never reported its loop`)
    }
    const started = box.result
    const all = await settle(box, started.tracked, DELIVER_MS)
    // The burst lasts until the collector has them all (or the wait gave up).
    const endWall = all ? Math.max(...box.accepted.values()) : Date.now()
    const endPerf = started.startPerf + (endWall - started.startWall)
    // Long-task entries arrive a frame after the task; give the observer that frame. A page
    // still blocked after PROBE_MS cannot answer: that alone says more than the numbers would.
    const probe = await within(
      session.page.evaluate(
        () =>
          new Promise((resolve) => {
            setTimeout(() => resolve(window.__probe), 100)
          }),
      ),
      PROBE_MS,
      'probe',
    ).catch(() => undefined)
    if (!probe) {
      return {
        tracked: started.tracked,
        delivered: box.accepted.size,
        loopMs: started.loopMs,
        blockedMs: Date.now() - started.startWall,
        requests: box.requests,
        external: session.external.length,
      }
    }
    const inBurst = (time) => time >= started.startPerf && time <= endPerf
    const longTasks = probe.longTasks.filter(
      (task) => task.start + task.duration >= started.startPerf && task.start <= endPerf,
    )
    const idbWrites = probe.idbWrites.filter(inBurst)
    const lsWrites = probe.lsWrites.filter(inBurst)
    const windows = Math.max(1, (endPerf - started.startPerf) / 50)
    return {
      tracked: started.tracked,
      delivered: box.accepted.size,
      deliverMs: all ? endWall - started.startWall : undefined,
      loopMs: started.loopMs,
      longTasks: longTasks.length,
      longestTaskMs: Math.max(0, ...longTasks.map((task) => task.duration)),
      // When each began, from the burst's start, and how long it took: which one is the loop.
      longTaskList: longTasks
        .map(
          ({ start, duration }) =>
            `+${Math.round(start - started.startPerf)} ms: ${Math.round(duration)} ms`,
        )
        .join(', '),
      blockingMs: longTasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0),
      idbWrites: idbWrites.length,
      idbWritesMaxPer50ms: maxPerWindow(idbWrites, started.startPerf, 50),
      idbWritesPer50ms: idbWrites.length / windows,
      idbWriteList: idbWrites
        .slice(0, 50)
        .map((time) => `+${Math.round(time - started.startPerf)}`)
        .join(' '),
      lsWrites: lsWrites.length,
      requests: box.requests,
      external: session.external.length,
    }
  } finally {
    await closeQuietly(session)
  }
}

/** Bytes on the wire for `count` touchpoints: request bodies (and headers) over `count`. */
export const wire = async (env, name, { count = 100 } = {}) => {
  const run = newRun(name)
  const session = await openReady(env, name, run)
  try {
    const box = env.collector.inbox(run)
    const before = { ...box }
    await trackAll(session.page, 0, count)
    const all = await settle(box, count, DELIVER_MS)
    return {
      delivered: box.accepted.size,
      bodyBytesPer: all ? (box.bodyBytes - before.bodyBytes) / count : undefined,
      headerBytesPer: all ? (box.headerBytes - before.headerBytes) / count : undefined,
      requests: box.requests - before.requests,
      preflights: box.preflights - before.preflights,
      external: session.external.length,
    }
  } finally {
    await closeQuietly(session)
  }
}

// Records per IndexedDB store and bytes per localStorage key, read from the page.
const storageOf = (page) =>
  within(
    page.evaluate(async () => {
      const idb = {}
      for (const { name } of await indexedDB.databases()) {
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open(name)
          open.onsuccess = () => resolve(open.result)
          open.onerror = () => reject(open.error)
        })
        for (const store of db.objectStoreNames) {
          idb[`${name}/${store}`] = await new Promise((resolve) => {
            const count = db.transaction(store).objectStore(store).count()
            count.onsuccess = () => resolve(count.result)
            count.onerror = () => resolve(-1)
          })
        }
        db.close()
      }
      const local = Object.fromEntries(
        Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)?.length ?? 0]),
      )
      return { idb, localStorage: local }
    }),
    5_000,
    'storage',
  ).catch((error) => ({ unreadable: String(error.message) }))

/**
 * The collector is down (503); `count` touchpoints are tracked; the visitor reloads `stayMs`
 * later; the new page tracks one touchpoint of its own, as any page load would (a page view),
 * and the collector recovers. How many of the `count` arrive within RECOVER_MS?
 */
export const durability = async (env, name, { count = 50, stayMs = 1_000 } = {}) => {
  const run = newRun(name)
  env.collector.setStatus(run, 503)
  const session = await openReady(env, name, run)
  try {
    const box = env.collector.inbox(run)
    await trackAll(session.page, 0, count)
    await stay(stayMs)
    const rejectedBeforeReload = box.rejected
    await session.page.reload({ waitUntil: 'load' })
    await within(
      session.page.evaluate(() => window.__contender.ready),
      READY_MS,
      `${name} ready after reload`,
    )
    const recovered = Date.now()
    env.collector.setStatus(run, 200)
    // Snowplow, for one, sends its stored queue only when something new is tracked.
    await trackAll(session.page, 1_000_000, 1)
    const all = await settle(box, count, RECOVER_MS, RECOVER_MS)
    return {
      delivered: acceptedOf(box, count).length,
      percent: (100 * acceptedOf(box, count).length) / count,
      recoverMs: all
        ? Math.max(...acceptedOf(box, count).map(([, at]) => at)) - recovered
        : undefined,
      rejectedBeforeReload,
      rejected: box.rejected,
      duplicates: box.deliveries - box.accepted.size,
      external: session.external.length,
      // What the page still holds when some never arrived: where did they stay?
      ...(all ? {} : { left: await storageOf(session.page), errors: session.errors }),
    }
  } finally {
    await closeQuietly(session)
  }
}

/**
 * The script-tag install of SPEC §1 (dist/touchtrail.global.js, data-collector, data-consent)
 * delivers its automatic page_view and a touchpoint tracked through `window.touchtrail`.
 */
export const scriptTag = async (env) => {
  const run = newRun('script-tag')
  const session = await env.open(`${env.pagesBase}/x/script-tag?run=${run}`)
  try {
    const box = env.collector.inbox(run)
    await session.page.waitForFunction(
      () => typeof window.touchtrail?.track === 'function',
      undefined,
      { timeout: READY_MS },
    )
    await session.page.evaluate(() => {
      window.touchtrail('track', 'chat_open', { provider: 'custom', trigger: 'api', mark: 'tbm0x' })
    })
    const ok = await waitFor(
      () => delivered(box, 1) && box.bodies.some((body) => body.includes('"page_view"')),
      DELIVER_MS,
    )
    if (!ok) {
      throw new Error(
        `the script tag did not deliver page_view and one tracked touchpoint: ` +
          `${describe(box)}; page errors: ${session.errors.join(' | ')}`,
      )
    }
    return { requests: box.requests, external: session.external }
  } finally {
    await closeQuietly(session)
  }
}
