// Segment analytics-next, settings inline (no CDN fetch), delivering to the bench collector.
import { AnalyticsBrowser } from '@segment/analytics-next'

const { collector } = window.__benchConfig
// Segment wants host and path without the scheme: `127.0.0.1:1234/c/run/v1`.
const apiHost = `${collector.replace(/^https?:\/\//, '')}/v1`
const analytics = AnalyticsBrowser.load(
  {
    writeKey: 'bench',
    cdnURL: collector,
    cdnSettings: {
      integrations: { 'Segment.io': { apiKey: 'bench', apiHost, protocol: 'http' } },
      // No remote metrics: they would go to api.segment.io.
      metrics: { sampleRate: 0, host: apiHost },
    },
  },
  { integrations: { 'Segment.io': { apiHost, protocol: 'http' } } },
)

window.__contender = {
  ready: analytics.ready().then(() => undefined),
  track: (i) => {
    analytics.track('chat_open', { provider: 'custom', trigger: 'api', mark: `tbm${i}x` })
  },
}
