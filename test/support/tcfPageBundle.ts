// Serves tcfPageCmp.ts to e2e pages as /static/tcf-cmp.js: bundled by esbuild at test setup (the
// CmpApi and @iabtcf/core with it), answered by a route on the test's browser context.
import type { BrowserContext } from 'playwright'
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const ENTRY = fileURLToPath(new URL('./tcfPageCmp.ts', import.meta.url))

/** The page's CMP script: one IIFE, as a CMP's own script tag loads it. */
export const bundleTcfCmp = async (): Promise<string> => {
  const { outputFiles } = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
  })
  return outputFiles[0].text
}

/** Answers /static/tcf-cmp.js in `context` with `script`, on every page and reload. */
export const serveTcfCmp = (context: BrowserContext, script: string) =>
  context.route('**/static/tcf-cmp.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript;charset=utf-8', body: script }),
  )
