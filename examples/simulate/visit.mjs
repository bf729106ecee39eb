// What a simulated visitor can do on the example sites, as a person would: arrive from
// somewhere, follow links, read a review long enough to count, open the chat, fill in forms.
// Touchpoints come only from the real SDK watching these actions.

const DAY_MS = 86_400_000
const REVIEW_DWELL_MS = 2_500

/** A phone: the second device of a customer who logs in on it. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-GB',
}

/**
 * Wraps a fresh browser context (one visitor: its own IndexedDB, so its own anonymousId).
 * `email` is what the visitor types at checkout and login (the shop's customer id comes from it);
 * `newContext` opens another context, for the visitor's other device.
 * @param {import('playwright').BrowserContext} context
 * @param {{ shopUrl: string, blogUrl: string, startAt: number, email?: string,
 *   newContext?: (options: object) => Promise<import('playwright').BrowserContext> }} where
 */
export const createVisit = async (context, where) => {
  const { shopUrl, blogUrl, startAt, email = 'ann@example.com', newContext } = where
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
    /** Closes the chat; rates it with `score` (1–5) on the survey that follows, or dismisses it. */
    closeChat: async (score) => {
      await page.locator('.chat-close').click()
      await page
        .locator(
          score === undefined ? '.chat-rating .dismiss' : `.chat-rating [data-tt-score="${score}"]`,
        )
        .click()
      await settle()
    },
    /** Switches the shop's currency (the header's locale switch). */
    switchCurrency: async (code) => {
      await page.selectOption('#currency', code)
      await settle()
    },
    /** Opens the storefront's chat and says hello. */
    openChat: async () => {
      await page.locator('[data-tt-chat]').click()
      await page.locator('#chat input').fill('Is the Huila good for espresso?')
      await page.locator('#chat input').press('Enter')
      await settle()
    },
    /**
     * Fills in the checkout form (values only the shop sees) and pays; with `rage`, clicks the
     * slow Pay button again and again while it seems to do nothing.
     */
    checkout: async ({ rage = false } = {}) => {
      await page.fill('input[name=name]', 'Ann Example')
      await page.fill('input[name=email]', email)
      await page.fill('input[name=card]', '4242 4242 4242 4242')
      await page.fill('input[name=expiry]', '12/29')
      await page.fill('input[name=cvc]', '123')
      await page.click('#pay', { clickCount: rage ? 4 : 1 })
      await page.waitForURL('**/checkout/thank-you**')
      await settle()
    },
    /** Fills in the first `count` checkout fields, then goes back to the shop instead of paying. */
    abandonCheckout: async (count) => {
      const fields = [
        ['name', 'Ann Example'],
        ['email', email],
        ['card', '4242 4242 4242 4242'],
        ['expiry', '12/29'],
      ]
      for (const [name, value] of fields.slice(0, count))
        await page.fill(`input[name=${name}]`, value)
      await page.locator('a.brand').click()
      await settle()
    },
    /** Answers the order's surveys on its confirmation: csat 1–5 and nps 0–10, each if given. */
    answerOrder: async ({ csat, nps }) => {
      if (csat !== undefined)
        await page.locator(`.survey[data-tt-feedback=csat] [data-tt-score="${csat}"]`).click()
      if (nps !== undefined)
        await page.locator(`.survey[data-tt-feedback=nps] [data-tt-score="${nps}"]`).click()
      await settle()
    },
    /** Answers "Was this helpful?" under a blog post. */
    thumbs: async (up) => {
      await page.locator(`.helpful [data-tt-score="${up ? 1 : 0}"]`).click()
      await settle()
    },
    /** Logs in to the shop (on this device) with the visitor's email. */
    logIn: async () => {
      await arrive(shopUrl, '/account/login') // typed in: direct
      await page.fill('#login input[name=email]', email)
      await page.fill('#login input[name=password]', 'correct horse')
      await page.click('#login button[type=submit]')
      await page.waitForURL('**/account/orders')
      await settle()
    },
    /** The same person on another device (a phone), from now on their clock. */
    otherDevice: async () => createVisit(await newContext(PHONE), { ...where, startAt: now }),
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
