// The context a capture gets from the tracker, for driving one capture alone in a test.
import { readPage } from '../../src/lib/page'
import { watchRoutes } from '../../src/lib/routes'
import type { CaptureContext } from '../../src/types'

/** A capture context over the real page and history watcher; pass what a test controls. */
export const captureContext = (overrides: Partial<CaptureContext> = {}): CaptureContext => ({
  pageViewId: () => undefined,
  latest: () => undefined,
  page: readPage,
  onRoute: watchRoutes().onRoute,
  linkDomains: [],
  visitor: () => undefined,
  ...overrides,
})
