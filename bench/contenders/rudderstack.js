// RudderStack v3, the `bundled` build (plugins inside, none fetched from the CDN), with the source
// config given inline and device-mode destinations off.
import { RudderAnalytics } from '@rudderstack/analytics-js/bundled'

const { collector } = window.__benchConfig
const analytics = new RudderAnalytics()
const ready = new Promise((resolve) => {
  analytics.load('bench', collector, {
    configUrl: collector,
    destSDKBaseURL: `${collector}/dest`,
    pluginsSDKBaseURL: `${collector}/plugins`,
    loadIntegration: false,
    polyfillIfRequired: false,
    getSourceConfig: () => ({
      source: {
        id: 'bench',
        name: 'bench',
        workspaceId: 'bench',
        enabled: true,
        config: {},
        destinations: [],
      },
    }),
    onLoaded: () => resolve(),
  })
})

window.__contender = {
  ready,
  track: (i) => {
    analytics.track('chat_open', { provider: 'custom', trigger: 'api', mark: `tbm${i}x` })
  },
}
