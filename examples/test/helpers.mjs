// Builders shared by the example tests: a valid touchpoint, a batch body, a temporary DuckDB path.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A valid touchpoint (SPEC §3) with overrides. */
export const touchpoint = (overrides = {}) => ({
  id: crypto.randomUUID(),
  type: 'page_view',
  ts: new Date().toISOString(),
  anonymousId: 'visitor-1',
  sessionId: 'session-1',
  userId: null,
  channel: 'direct',
  stage: 'awareness',
  page: { url: 'https://shop.example/', path: '/', title: 'Shop', referrer: '' },
  props: { path: '/', title: 'Shop', referrer: '' },
  context: { locale: 'en-GB', screen: '1440x900' },
  ...overrides,
})

/** The request body of SPEC §5. */
export const batchBody = (touchpoints) =>
  JSON.stringify({
    sentAt: new Date().toISOString(),
    sdk: { name: 'touchtrail', version: '0.1.0' },
    batch: touchpoints,
  })

/** A fresh folder for a DuckDB file; remove() deletes it. */
export const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchtrail-'))
  return {
    path: join(dir, 'test.duckdb'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
