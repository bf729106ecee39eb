// Drives simulated visitors through the example sites in headless Chromium with the real SDK,
// so the journey map has real data: `npm run demo -- --simulate 12`.
import { launchChromium } from '../shared/chromium.mjs'
import { createRandom } from './arrivals.mjs'
import { PERSONAS } from './personas.mjs'
import { createVisit } from './visit.mjs'

const DAY_MS = 86_400_000

/**
 * Runs `count` visitors, `concurrency` at a time; resolves when all have left.
 * @param {{ count: number, shopUrl: string, blogUrl: string, concurrency?: number, seed?: number,
 *   log?: (line: string) => void }} options
 */
export const simulateVisitors = async ({
  count,
  shopUrl,
  blogUrl,
  concurrency = 3,
  seed = 42,
  log = () => {},
}) => {
  const browser = await launchChromium()
  const random = createRandom(seed)
  // Visitors arrive over the last fortnight, oldest first, so "later" visits stay in the past.
  const horizon = Date.now() - 14 * DAY_MS
  const plans = Array.from({ length: count }, (_, index) => ({
    index,
    persona: PERSONAS[index % PERSONAS.length],
    startAt:
      horizon + Math.round((index / Math.max(count, 1)) * 4 * DAY_MS + random.next() * DAY_MS),
    random: createRandom(seed + index + 1),
  }))
  // Each run's customers are new people (the shop's customer id comes from the email).
  const run = Date.now().toString(36)
  let next = 0
  let failed = 0
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]
      // The visitor's devices: a laptop, and any other one their story opens.
      const contexts = []
      const newContext = async (options) => {
        contexts.push(await browser.newContext(options))
        return contexts.at(-1)
      }
      const context = await newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })
      try {
        const visit = await createVisit(context, {
          shopUrl,
          blogUrl,
          startAt: plan.startAt,
          email: `visitor-${run}-${plan.index + 1}@example.com`,
          newContext,
        })
        const story = await plan.persona(visit, plan.random)
        const result = await visit.flush()
        log(
          `visitor ${plan.index + 1}/${count}: ${story}` +
            (result?.failed ? ` (${result.failed} touchpoints not delivered yet)` : '') +
            (visit.errors.length ? ` — page errors: ${visit.errors.join('; ')}` : ''),
        )
      } catch (error) {
        failed += 1
        log(
          `visitor ${plan.index + 1}/${count} (${plan.persona.name}) failed: ${error.message.split('\n')[0]}`,
        )
      } finally {
        for (const open of contexts) await open.close()
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  } finally {
    await browser.close()
  }
  return { visitors: count, failed }
}
