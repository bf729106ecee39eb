import type { Batch } from '../types'

/**
 * A touchtrail body in the shape of Segment's batch API (`POST /v1/batch`), for collectors that
 * speak it: page_view → `page`, identify → `identify`, every other touchpoint → `track`.
 * https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#batch
 */
export const toSegmentBody = (body: string): string => {
  const { sentAt, batch } = JSON.parse(body) as Batch
  return JSON.stringify({
    sentAt,
    batch: batch.map(({ id, type, ts, anonymousId, userId, page, props, context, ...rest }) => {
      const kind = type === 'page_view' ? 'page' : type === 'identify' ? type : 'track'
      return {
        type: kind,
        ...(kind === 'track' && { event: type }),
        ...(kind === 'identify'
          ? { traits: (props as { traits?: unknown }).traits }
          : { properties: { ...props, stage: rest.stage, channel: rest.channel } }),
        messageId: id,
        timestamp: ts,
        anonymousId,
        userId,
        context: { ...context, page, sessionId: rest.sessionId },
      }
    }),
  })
}
