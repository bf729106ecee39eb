export { createTracker } from './tracker'
export { capturePageViews, type PageViewOptions } from './captures/pageView'
export { captureFormSubmits, type FormSubmitOptions } from './captures/formSubmit'
export { captureChatOpens, type ChatOpenOptions } from './captures/chatOpen'
export {
  captureChatWidgets,
  type ChatProvider,
  type ChatWidgetOptions,
} from './captures/chatWidgets'
export { captureReviewReads, type ReviewReadOptions } from './captures/reviewRead'
export { captureVitals } from './captures/vitals'
export { captureFeedback } from './captures/feedback'
export { captureFormAbandons } from './captures/formAbandon'
export { captureRageClicks } from './captures/rageClick'
export { tcfConsent, type TcfOptions } from './consent/tcf'
export { consentModeConsent, type ConsentModeOptions } from './consent/consentMode'
export { cookiebotConsent } from './consent/cookiebot'
export { oneTrustConsent, type OneTrustOptions } from './consent/oneTrust'
export { usercentricsConsent, type UsercentricsOptions } from './consent/usercentrics'
export { klaroConsent, type KlaroOptions } from './consent/klaro'
export { cookieYesConsent } from './consent/cookieYes'
export {
  cookieConsentConsent,
  type CookieConsentApi,
  type CookieConsentOptions,
} from './consent/cookieConsent'
export { segmentFormat, type SegmentFormatOptions } from './transport/segmentFormat'
export { posthogFormat, type PosthogFormatOptions } from './transport/posthogFormat'
export { decorateLinks } from './identity/decorateLinks'
export { DEFAULT_STAGE_RULES } from './core/stage'
export { SECRET_PARAMS } from './core/redact'
export type {
  Batch,
  BatchOptions,
  BodyFormat,
  Campaign,
  CaptureContext,
  CaptureSetup,
  Channel,
  CollectorOptions,
  ConsentDecision,
  ConsentSource,
  ConsentState,
  CustomTransport,
  Emit,
  FeedbackScale,
  FlushResult,
  PageInfo,
  QueueOptions,
  Stage,
  StageRule,
  StageRules,
  Touchpoint,
  TouchpointContext,
  TouchpointProps,
  TouchpointType,
  Tracker,
  TrackerOptions,
  TouchtrailError,
  VisitorIds,
} from './types'
