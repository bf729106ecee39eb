import type { BodyFormat } from '../types'

/**
 * For collectors that speak Segment's batch API (`POST /v1/batch`): pass it as
 * `collector: { url, format: segmentFormat }`. page_view → `page`, identify → `identify`, every
 * other touchpoint → `track`; the id is the `messageId` Segment deduplicates by.
 * https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#batch
 */
export const segmentFormat: BodyFormat = ({ sentAt, batch }) => ({
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
