// The contenders: touchtrail first, then the SDKs users would pick instead. `minimal` is what an
// npm user imports to initialise and track, bundled alone for the minimal-bundle size.
/** Every contender; `entry` is its page adapter in this folder. */
export const contenders = [
  {
    name: 'touchtrail',
    label: 'touchtrail',
    entry: 'touchtrail.js',
    minimal: "export { createTracker } from '../../dist/index.js'",
  },
  {
    name: 'segment',
    label: 'Segment analytics-next',
    entry: 'segment.js',
    minimal: "export { AnalyticsBrowser } from '@segment/analytics-next'",
  },
  {
    name: 'rudderstack',
    label: 'RudderStack v3 (bundled)',
    entry: 'rudderstack.js',
    minimal: "export { RudderAnalytics } from '@rudderstack/analytics-js/bundled'",
  },
  {
    name: 'posthog',
    label: 'PostHog',
    entry: 'posthog.js',
    minimal: "export { default } from 'posthog-js'",
  },
  {
    name: 'snowplow',
    label: 'Snowplow',
    entry: 'snowplow.js',
    minimal: "export { newTracker, trackStructEvent } from '@snowplow/browser-tracker'",
  },
  {
    name: 'amplitude',
    label: 'Amplitude',
    entry: 'amplitude.js',
    minimal: "export { init, track } from '@amplitude/analytics-browser'",
  },
]
