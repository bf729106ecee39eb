/**
 * Calls `callback` when the page is hidden or going away. visibilitychange is the last event
 * mobile browsers reliably fire; pagehide covers desktop navigations where it does not fire.
 * https://developer.chrome.com/docs/web-platform/page-lifecycle-api#advice-hidden
 */
export const onHidden = (callback: () => void): (() => void) => {
  const onVisibility = () => document.visibilityState === 'hidden' && callback()
  addEventListener('visibilitychange', onVisibility, true)
  addEventListener('pagehide', callback, true)
  return () => {
    removeEventListener('visibilitychange', onVisibility, true)
    removeEventListener('pagehide', callback, true)
  }
}
