import { redactUrl } from '../core/redact'
import type { PageInfo, TouchpointProps } from '../types'

// Shared by every tracker on the page, as the page itself is: the cache key is its URL and title.
let last: PageInfo | undefined
let lastHref = ''

/** The page as it is now, secret query parameters removed; reused while URL and title stand. */
export const readPage = (): PageInfo => {
  const { href } = location
  const { title } = document
  if (!last || href !== lastHref || title !== last.title) {
    lastHref = href
    last = {
      url: redactUrl(href),
      path: location.pathname,
      title,
      referrer: redactUrl(document.referrer),
    }
  }
  return last
}

/** Props of a `page_view` of the page as it is now; `referrer` is the previous SPA route's URL. */
export const pageViewProps = (referrer = document.referrer): TouchpointProps['page_view'] => ({
  path: location.pathname,
  title: document.title,
  referrer: redactUrl(referrer),
})
