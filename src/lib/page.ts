import { redactUrl } from '../core/redact'
import type { PageInfo } from '../types'

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
