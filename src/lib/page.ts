import { redactUrl } from '../core/redact'
import type { PageInfo } from '../types'

let last: PageInfo | undefined
let lastHref = ''

/** The page as it is now, secret query parameters removed; reused while URL and title stand. */
export const readPage = (): PageInfo => {
  const { href, pathname } = location
  if (!last || href !== lastHref || document.title !== last.title) {
    lastHref = href
    last = {
      url: redactUrl(href),
      path: pathname,
      title: document.title,
      referrer: redactUrl(document.referrer),
    }
  }
  return last
}
