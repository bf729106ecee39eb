// Takes a 1440×900 picture of the journey map, showing the visitor whose journey went furthest:
// `npm run demo -- --simulate 12 --screenshot docs/journey-map.png --exit` makes the README's.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { launchChromium } from '../shared/chromium.mjs'

/**
 * @param {{ collectorUrl: string, path: string }} options
 * @returns {Promise<string | undefined>} the visitor shown
 */
export const screenshotJourneyMap = async ({ collectorUrl, path }) => {
  const { visitors } = await (await fetch(`${collectorUrl}/api/journeys?limit=500`)).json()
  const [furthest] = visitors.toSorted(
    (a, b) =>
      b.stages.length - a.stages.length || b.sessions - a.sessions || b.touchpoints - a.touchpoints,
  )
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const hash = furthest ? `#${encodeURIComponent(furthest.anonymousId)}` : ''
    await page.goto(`${collectorUrl}/journey/${hash}`)
    await page.waitForSelector('body[data-loaded]')
    mkdirSync(dirname(path), { recursive: true })
    await page.screenshot({ path })
  } finally {
    await browser.close()
  }
  return furthest?.anonymousId
}
