// What a simulated visitor can do on the example sites, as a person would: arrive from
// somewhere, follow links, read a review long enough to count, open the chat, fill in forms.
// Touchpoints come only from the real SDK watching these actions.

const DAY_MS = 86_400_000
const REVIEW_DWELL_MS = 2_500

/**
 * Wraps a fresh browser context (one visitor: its own IndexedDB, so its own anonymousId).
 * @param {import('playwright').BrowserContext} context
 * @param {{ shopUrl: string, blogUrl: string, startAt: number }} where
 */
export const createVisit = async (context, { shopUrl, blogUrl, startAt }) => {
  // The visitor's clock: their visits can be days apart although the simulation takes seconds.
  await context.clock.install({ time: startAt })
  let now = startAt
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))

  const arrive = async (base, path, arrival = {}) => {
    const url = new URL(path, base)
    if (arrival.query) url.search = arrival.query
    await page.goto(url.href, { referer: arrival.referer })
    await settle()
  }
  // SPA page views are read a macrotask after pushState; give the SDK time to see each step.
  const settle = () => page.waitForTimeout(350)

  return {
    page,
    errors,
    /** Lands on the storefront at `path`, arriving as `arrival` says. */
    openShop: (path, arrival) => arrive(shopUrl, path, arrival),
    /** Lands on the blog at `path`. */
    openBlog: (path, arrival) => arrive(blogUrl, path, arrival),
    /** Follows the first link matching `selector`. */
    follow: async (selector) => {
      await page.locator(selector).first().click()
      await page.waitForLoadState()
      await settle()
    },
    /** Scrolls a review into view and stays on it long enough for review_read. */
    readReview: async (index = 0) => {
      const review = page.locator('[data-tt-review]').nth(index)
      await review.scrollIntoViewIfNeeded()
      await page.waitForTimeout(REVIEW_DWELL_MS + 400)
    },
    /** Opens the storefront's chat and says hello. */
    openChat: async () => {
      await page.locator('[data-tt-chat]').click()
      await page.locator('#chat input').fill('Is the Huila good for espresso?')
      await page.locator('#chat input').press('Enter')
      await settle()
    },
    /** Fills in and submits the checkout form (values only the shop sees). */
    checkout: async () => {
      await page.fill('input[name=name]', 'Ann Example')
      await page.fill('input[name=email]', 'ann@example.com')
      await page.fill('input[name=card]', '4242 4242 4242 4242')
      await page.fill('input[name=expiry]', '12/29')
      await page.fill('input[name=cvc]', '123')
      await page.click('#checkout button[type=submit]')
      await page.waitForURL('**/checkout/thank-you**')
      await settle()
    },
    /** Writes a review of what they bought. */
    writeReview: async () => {
      await page.fill('textarea[name=text]', 'Lovely coffee, arrived fresh.')
      await page.click('#review button[type=submit]')
      await settle()
    },
    /** Answers the blog's consent banner. */
    answerConsent: async (choice) => {
      await page.click(`.consent [data-choice=${choice}]`)
      await settle()
    },
    /** Subscribes to the blog's newsletter. */
    subscribe: async () => {
      await page.fill('#newsletter input[name=email]', 'reader@example.com')
      await page.click('#newsletter button')
      await settle()
    },
    /** Lets `days` pass before the next visit (a new session, maybe through another channel). */
    later: async (days) => {
      now += days * DAY_MS + Math.round(Math.random() * 6 * 3_600_000)
      await context.clock.setSystemTime(now)
    },
    /** Delivers what the page's tracker holds, as a visitor's tab eventually would. */
    flush: () =>
      page.evaluate(async () => {
        const tracker = window.tracker ?? window.touchtrail
        if (typeof tracker?.flush !== 'function')
          return { sent: 0, failed: 0, pending: 0, missing: true }
        return tracker.flush()
      }),
  }
}
