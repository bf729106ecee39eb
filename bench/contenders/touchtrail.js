// touchtrail from the npm build (dist/index.js), consent granted, no captures, gzipped batches.
import { createTracker } from '../../dist/index.js'

const { collector } = window.__benchConfig
const tracker = createTracker({
  collector: { url: `${collector}/t`, compress: true },
  consent: 'granted',
})

window.__contender = {
  ready: Promise.resolve(),
  track: (i) => {
    tracker.track('chat_open', { provider: 'custom', trigger: 'api', mark: `tbm${i}x` })
  },
}
