import { formatLink, matchesDomain, splitLink } from '../core/link'
import type { CaptureSetup } from '../types'

/**
 * Carries the visitor's random ids to the brand's other sites (the `linkDomains` option, §6):
 * while consent is granted, a link followed to one of them or their subdomains (click, middle
 * click, Enter) gets `_tt=<anonymousId>.<sessionId>.<channel>.<unix seconds>` as it is followed.
 * Links to this origin, other schemes, forms and script navigations are left alone.
 */
export const decorateLinks = (): CaptureSetup => (_emit, context) => {
  const follow = (event: MouseEvent) => {
    // Not the right button: "copy link address" must not hand the visitor's ids to someone else.
    if (event.button > 1) return
    const target = event.composedPath()[0] as Element
    const a = target.closest?.('a[href],area[href]') as HTMLAnchorElement | null
    if (!a || a.origin === location.origin || !/^https?:$/.test(a.protocol)) return
    const ids = matchesDomain(a.hostname, context.linkDomains) && context.visitor()
    if (!ids) return
    // Set now, before the browser reads the href to navigate; an earlier `_tt` is replaced.
    const rest = splitLink(a.search)[1]
    a.search = `${rest ? `${rest}&` : ''}_tt=${formatLink(ids, Date.now())}`
  }
  // Capture phase, before the app's own handlers; Enter on a link arrives as a click, the middle
  // button as an auxclick. Not mousedown: a press is not a link followed.
  document.addEventListener('click', follow, true)
  document.addEventListener('auxclick', follow, true)
  return () => {
    document.removeEventListener('click', follow, true)
    document.removeEventListener('auxclick', follow, true)
  }
}
