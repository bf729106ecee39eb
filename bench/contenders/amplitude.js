// Amplitude browser SDK 2, remote config, diagnostics and autocapture off.
import { init, track } from '@amplitude/analytics-browser'

const { collector } = window.__benchConfig
const ready = init('bench-api-key', {
  serverUrl: `${collector}/2/httpapi`,
  autocapture: false,
  remoteConfig: { fetchRemoteConfig: false },
  enableDiagnostics: false,
}).promise

window.__contender = {
  ready,
  track: (i) => {
    track('chat_open', { provider: 'custom', trigger: 'api', mark: `tbm${i}x` })
  },
}
