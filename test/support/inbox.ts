// What a test asks of test/support/collector.ts, over fetch: works in the browser and in node.
import type { Touchpoint } from '../../src/types'
import type { LogEntry, Preflight, Reply } from './collector'

/** One test's own collector path. */
export interface Inbox {
  /** Its name (first path segment), also good as a queue name. */
  name: string
  /** Collector URL to give the tracker. */
  url: string
  /** Every accepted body, raw, newline-separated. */
  received(): Promise<string>
  /** Every accepted touchpoint, parsed, duplicates kept. */
  touchpoints(): Promise<Touchpoint[]>
  /** Every POST, accepted or not, in order of arrival. */
  log(): Promise<LogEntry[]>
  /** Every CORS preflight. */
  preflights(): Promise<Preflight[]>
  /** Answers for the next POSTs, one each, then `fallback` (200 unless given). */
  script(replies: Reply[], fallback?: Reply): Promise<void>
}

/** An inbox on the collector at `collectorUrl`, named `name` (a fresh UUID by default). */
export const createInbox = (collectorUrl: string, name: string = crypto.randomUUID()): Inbox => {
  const url = `${collectorUrl}/${name}`
  const get = async (path: string) => {
    const response = await fetch(url + path, { cache: 'no-store' })
    if (!response.ok) throw new Error(`GET ${url + path}: ${response.status}`)
    return response
  }
  return {
    name,
    url,
    received: async () => (await get('')).text(),
    touchpoints: async () => (await get('/touchpoints')).json() as Promise<Touchpoint[]>,
    log: async () => (await get('/log')).json() as Promise<LogEntry[]>,
    preflights: async () => (await get('/preflights')).json() as Promise<Preflight[]>,
    script: async (replies, fallback) => {
      const body = JSON.stringify({ script: replies, ...(fallback ? { default: fallback } : {}) })
      const response = await fetch(`${url}/script`, { method: 'PUT', body })
      if (!response.ok) throw new Error(`PUT ${url}/script: ${response.status}`)
    },
  }
}
