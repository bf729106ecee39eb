// Snowplow browser tracker with its defaults (POST, localStorage queue), on the bench collector.
import { newTracker, trackStructEvent } from '@snowplow/browser-tracker'

const { collector, collectorBase } = window.__benchConfig
newTracker('sp', collectorBase, {
  appId: 'bench',
  postPath: `${new URL(collector).pathname}/tp2`,
})

window.__contender = {
  ready: Promise.resolve(),
  track: (i) => {
    // A structured event: the only built-in event that carries app props without a schema.
    trackStructEvent({
      category: 'touchpoint',
      action: 'chat_open',
      label: `tbm${i}x`,
      property: 'custom',
    })
  },
}
