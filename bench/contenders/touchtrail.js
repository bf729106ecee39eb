// touchtrail from the npm build (dist/index.js), consent granted, no captures.
import { createTracker } from '../../dist/index.js'

const { collector } = window.__benchConfig
const tracker = createTracker({ collector: `${collector}/t`, consent: 'granted' })

window.__contender = {
  ready: Promise.resolve(),
  track: (i) => {
    tracker.track('chat_open', { provider: 'custom', trigger: 'api', mark: `tbm${i}x` })
  },
}
