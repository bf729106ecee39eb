// PostHog, with flags, remote config, autocapture, recording, surveys and external scripts off.
import posthog from 'posthog-js'

const { collector } = window.__benchConfig
const ready = new Promise((resolve) => {
  posthog.init('phc_bench', {
    api_host: collector,
    persistence: 'localStorage+cookie',
    advanced_disable_flags: true,
    advanced_disable_feature_flags: true,
    autocapture: false,
    capture_pageview: false,
    capture_pageleave: false,
    capture_dead_clicks: false,
    capture_exceptions: false,
    capture_performance: false,
    rageclick: false,
    disable_session_recording: true,
    disable_surveys: true,
    disable_product_tours: true,
    disable_conversations: true,
    disable_web_experiments: true,
    disable_external_dependency_loading: true,
    loaded: () => resolve(),
  })
})

window.__contender = {
  ready,
  track: (i) => {
    posthog.capture('chat_open', { provider: 'custom', trigger: 'api', mark: `tbm${i}x` })
  },
}
