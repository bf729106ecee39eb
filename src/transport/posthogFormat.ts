import type { BodyFormat } from '../types'

/** Options of `posthogFormat`. */
export interface PosthogFormatOptions {
  /** The project API key (`phc_…`), sent in the body as `api_key`. */
  apiKey: string
}

/**
 * For PostHog's batch endpoint (`POST https://us.i.posthog.com/batch/`): page_view → `$pageview`,
 * identify → `$identify`, every other touchpoint keeps its type; the id is the event's `uuid`,
 * which PostHog deduplicates by. Gzipped bodies carry PostHog's flag `compression=gzip-js`.
 * https://posthog.com/docs/api/capture
 */
export const posthogFormat = ({ apiKey }: PosthogFormatOptions): BodyFormat => {
  const format: BodyFormat = ({ batch }) => ({
    api_key: apiKey,
    batch: batch.map(({ id, type, ts, anonymousId, userId, page, props, context, ...rest }) => {
      const identify = type === 'identify'
      return {
        event: identify ? '$identify' : type === 'page_view' ? '$pageview' : type,
        uuid: id,
        timestamp: ts,
        properties: {
          ...(identify ? { $set: (props as { traits?: unknown }).traits } : props),
          distinct_id: userId ?? anonymousId,
          $anon_distinct_id: anonymousId,
          $session_id: rest.sessionId,
          $current_url: page.url,
          $pathname: page.path,
          $referrer: page.referrer || undefined,
          title: page.title,
          channel: rest.channel,
          stage: rest.stage,
          ...context,
        },
      }
    }),
  })
  format.compression = 'gzip-js'
  return format
}
