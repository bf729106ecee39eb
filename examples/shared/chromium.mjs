// Launches the machine's Chromium for the simulator and the end-to-end test (Playwright cannot
// download its own browsers here). CHROME_PATH overrides where it is.
import { chromium } from 'playwright'

/** Launches headless Chromium with the flags a sandboxed CI box needs. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
