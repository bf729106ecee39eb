// Takes a picture of the journey map, 1440 wide and as tall as the page (the journey, the weak
// links and touchpoint value panels, the funnel and the matrix), showing the customer or visitor
// on most devices whose journey went furthest: `npm run demo -- --simulate 12 --screenshot docs/journey-map.png
// --exit` makes the README's.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { groupVisitors } from '../journey/customers.js'
import { launchChromium } from '../shared/chromium.mjs'

const WIDTH = 1440
const MIN_HEIGHT = 900

/**
 * @param {{ collectorUrl: string, path: string }} options
 * @returns {Promise<string | undefined>} the key of the customer (`u:<userId>`) or visitor
 *   (`a:<anonymousId>`) shown
 */
export const screenshotJourneyMap = async ({ collectorUrl, path }) => {
  const { visitors } = await (await fetch(`${collectorUrl}/api/journeys?limit=500`)).json()
  // A customer on most devices (the picture shows one journey across them), then the furthest:
  // most stages, then most visits and touchpoints.
  const [furthest] = groupVisitors(visitors).toSorted(
    (a, b) =>
      b.devices - a.devices ||
      b.stages.length - a.stages.length ||
      b.sessions - a.sessions ||
      b.touchpoints - a.touchpoints,
  )
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: MIN_HEIGHT } })
    const hash = furthest ? `#${encodeURIComponent(furthest.key)}` : ''
    await page.goto(`${collectorUrl}/journey/${hash}`)
    await page.waitForSelector('body[data-loaded]')
    // Grow the window to the whole page, so the sticky visitor list runs its full height, and
    // wait for the redraw the resize starts.
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    if (height > MIN_HEIGHT) {
      await page.evaluate(() => delete document.body.dataset.loaded)
      await page.setViewportSize({ width: WIDTH, height })
      await page.waitForSelector('body[data-loaded]')
    }
    mkdirSync(dirname(path), { recursive: true })
    await page.screenshot({ path })
  } finally {
    await browser.close()
  }
  return furthest?.key
}
