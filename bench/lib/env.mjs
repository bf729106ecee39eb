// Sets the bench up: bundles every contender, starts the collector and the page server.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { bundleMinimal, bundlePage, sizesOf } from './bundle.mjs'
import { withBrowser } from './browser.mjs'
import { startCollector } from './collector.mjs'
import { startPages } from './pages.mjs'

const SCRIPT_TAG = fileURLToPath(new URL('../../dist/touchtrail.global.js', import.meta.url))

// The script-tag install exactly as SPEC §1 shows it, with the bench collector.
const scriptTagPage = (collector) =>
  `<script async src="/b/touchtrail-global.js" data-collector="${collector}/t" ` +
  'data-consent="granted"></script>'

/** Builds the bundles and starts the servers; `close()` stops them. */
export const createEnv = async (contenders, { readable = false } = {}) => {
  const bundles = new Map()
  const sizes = {}
  for (const contender of contenders) {
    const page = await bundlePage(contender.entry, { readable })
    bundles.set(contender.name, page)
    sizes[contender.name] = {
      page: sizesOf(page),
      minimal: sizesOf(await bundleMinimal(contender.minimal)),
    }
  }
  if (sizes.touchtrail) {
    const scriptTag = await readFile(SCRIPT_TAG)
    bundles.set('touchtrail-global', scriptTag)
    // The script tag is what touchtrail users download; the adapter bundle is the harness's.
    sizes.touchtrail.scriptTag = sizesOf(scriptTag)
  }
  const collector = await startCollector()
  const pages = await startPages({
    bundles,
    extraPages: { 'script-tag': scriptTagPage },
    collectorUrl: collector.url,
    collectorBase: collector.base,
  })
  const base = { sizes, collector, pagesBase: pages.base }
  return {
    ...base,
    /** Runs `job(env)` with a fresh Chromium: `env.open(url)` opens a page in it. */
    inBrowser: (job) =>
      withBrowser((browser) =>
        job({ ...base, open: browser.open, chromiumVersion: browser.version }),
      ),
    close: async () => {
      await pages.close()
      await collector.close()
    },
  }
}
