// Launches the machine's Chromium through Playwright (no browser downloads work here), with every
// host but 127.0.0.1 unresolvable: a peer that still calls home fails fast and is counted.
import { chromium } from 'playwright'

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  // Background-tab throttling would stretch timers in pages Playwright does not focus.
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // navigator.webdriver would be true: PostHog treats that visitor as a bot and sends nothing.
  '--disable-blink-features=AutomationControlled',
]

/** The bench browser; `open(url)` gives a fresh context and page, and the off-host requests. */
export const launchBrowser = async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ARGS,
    timeout: 60_000,
  })
  // A visitor's user agent, not HeadlessChrome: PostHog drops events from headless browsers.
  const probe = await browser.newContext()
  const headless = await (await probe.newPage()).evaluate(() => navigator.userAgent)
  await probe.close()
  const userAgent = headless.replace('HeadlessChrome', 'Chrome')
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
  return { browser, open, version: browser.version(), close: () => browser.close() }
}
