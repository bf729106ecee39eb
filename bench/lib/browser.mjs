// Launches the machine's Chromium through Playwright (no browser downloads work here), with every
// host but 127.0.0.1 unresolvable: a peer that still calls home fails fast and is counted.
import { chromium } from 'playwright'
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs'
import { within } from './wait.mjs'

const ARGS = [
  ...chromiumArgs,
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  // Background-tab throttling would stretch timers in pages Playwright does not focus.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // navigator.webdriver would be true: PostHog treats that visitor as a bot and sends nothing.
  '--disable-blink-features=AutomationControlled',
]

// A visitor's user agent, not HeadlessChrome: PostHog drops events from headless browsers.
let userAgent
const visitorAgent = async (browser) => {
  const probe = await browser.newContext()
  const headless = await (await probe.newPage()).evaluate(() => navigator.userAgent)
  await probe.close()
  return headless.replace('HeadlessChrome', 'Chrome')
}

/**
 * A fresh Chromium. `open(url)` gives a new context (empty storage) and page, with the requests
 * that went to other hosts. `close()` kills it: a peer still writing a 2 MB localStorage queue
 * after its scenario must not slow the next one, and a graceful close would wait for it.
 */
export const launchBrowser = async () => {
  const server = await chromium.launchServer({
    executablePath: findChromium(),
    args: ARGS,
    timeout: 60_000,
  })
  const browser = await chromium.connect(server.wsEndpoint(), { timeout: 60_000 })
  userAgent ??= await visitorAgent(browser)
  const open = async (url) => {
    const context = await browser.newContext({ userAgent })
    const external = []
    const errors = []
    context.on('request', (request) => {
      if (!request.url().startsWith('http://127.0.0.1')) external.push(request.url())
    })
    const page = await context.newPage()
    page.on('pageerror', (error) => errors.push(String(error.message ?? error)))
    page.setDefaultTimeout(30_000)
    await page.goto(url, { waitUntil: 'load' })
    return { context, page, external, errors }
  }
  const close = async () => {
    await within(browser.close(), 2_000, 'browser.close').catch(() => {})
    await server.kill()
  }
  return { open, close, version: browser.version() }
}

/** Runs `job(browser)` with a fresh Chromium and kills it after, whatever happened. */
export const withBrowser = async (job) => {
  const browser = await launchBrowser()
  try {
    return await job(browser)
  } finally {
    await browser.close()
  }
}
