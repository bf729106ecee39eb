import type { BodyFormat } from '../types'

/** Options of `segmentFormat`. */
export interface SegmentFormatOptions {
  /** The source's write key, sent in the body (a header would cost a CORS preflight). */
  writeKey: string
}

/**
 * For pipelines that read Segment's batch API (`POST /v1/batch`: Segment, Jitsu; RudderStack at
 * `…/beacon/v1/batch?writeKey=…`). page_view → `page`, identify → `identify`, every other
 * touchpoint → `track`; the id is the `messageId` they deduplicate by. Never compressed: those
 * pipelines read gzip only with a Content-Encoding header, which costs a preflight.
 * https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#batch
 */
export const segmentFormat = ({ writeKey }: SegmentFormatOptions): BodyFormat => {
  return ({ sentAt, batch }) => ({
    writeKey,
    sentAt,
    batch: batch.map(({ id, type, ts, anonymousId, userId, page, props, context, ...rest }) => {
      const kind = type === 'page_view' ? 'page' : type === 'identify' ? type : 'track'
      return {
        type: kind,
        // Jitsu refuses event names with `--` (SQL comments); touchtrail types allow them.
        ...(kind === 'track' && { event: type.replace(/--+/g, '-') }),
        ...(kind === 'identify'
          ? { traits: (props as { traits?: unknown }).traits ?? {} }
          : { properties: { ...props, stage: rest.stage, channel: rest.channel } }),
        messageId: id,
        timestamp: ts,
        anonymousId,
        userId: userId ?? undefined,
        context: { ...context, page, sessionId: rest.sessionId },
      }
    }),
  })
}
