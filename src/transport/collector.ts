import { bodyOf, utf8Length, type QueueRecord } from '../core/batch'
import { toJson } from '../core/serialize'
import type { Batch, CollectorOptions, CustomTransport, Touchpoint } from '../types'
import { gzip, withQuery } from './gzip'
import { createHttpPost, NO_ANSWER, type Answer } from './http'

/** Sends queued records as one request; resolves with the answer, never rejects. */
export type Poster = (records: readonly QueueRecord[], keepalive?: boolean) => Promise<Answer>

/** Bodies of fewer bytes of JSON go plain: gzip saves little there. */
export const COMPRESS_MIN_BYTES = 1_024

/**
 * The poster for a checked `collector` option. The default body joins the records' stored JSON;
 * only a format or a custom transport gets objects, each record's JSON parsed once. The sender
 * bounds a batch by its JSON (`batch.maxBytes`), which a gzipped body only undercuts.
 */
export const createPoster = (
  collector: CollectorOptions | CustomTransport,
  version: string,
): Poster => {
  const batchOf = (records: readonly QueueRecord[]): Batch => ({
    sentAt: new Date().toISOString(),
    sdk: { name: 'touchtrail', version },
    batch: records.map((record) => JSON.parse(record.json) as Touchpoint),
  })
  if (typeof collector === 'function') return customPost(collector, batchOf)
  const { url, format, compress } = collector
  const post = createHttpPost(collector.headers)
  // touchtrail's body says `compression=gzip`; a format says its own flag, or never compresses.
  const flag = format ? format.compression : 'gzip'
  return async (records, keepalive) => {
    const text = format
      ? toJson(format(batchOf(records)))
      : bodyOf(records, new Date().toISOString(), version)
    const bytes = utf8Length(text)
    // At page hide there is no time to wait for a stream: those go plain.
    if (compress && flag && !keepalive && bytes >= COMPRESS_MIN_BYTES) {
      const zipped = await gzip(text)
      if (zipped) return post(withQuery(url, `compression=${flag}`), zipped)
    }
    return post(url, text, keepalive)
  }
}

// A custom transport gets the batch as an object; a rejection carrying `status` is read as that.
const customPost =
  (send: CustomTransport, batchOf: (records: readonly QueueRecord[]) => Batch): Poster =>
  async (records) => {
    try {
      await send(batchOf(records))
      return { status: 200, retryAfter: null }
    } catch (error) {
      const status = (error as { status?: unknown } | null)?.status
      return typeof status === 'number' ? { status, retryAfter: null } : NO_ANSWER
    }
  }
