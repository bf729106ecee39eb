// Launches the machine's Chromium for the simulator and the end-to-end test (Playwright cannot
// download its own browsers here): the one `npm test` finds, with the same flags.
import { chromium } from 'playwright'
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs'

/** Launches headless Chromium with the flags a sandboxed CI box needs. */
export const launchChromium = () =>
  chromium.launch({ executablePath: findChromium() ?? '/usr/bin/chromium', args: chromiumArgs })
