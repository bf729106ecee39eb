// Tree-shaking, proven the way an app's bundler sees the package: esbuild bundles one import from
// the entry and the output must hold that export's code and no other export's.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const ENTRY = fileURLToPath(new URL('../../src/index.ts', import.meta.url))

/** A string found only in each export's own code (or, for vitals, in web-vitals'). */
const MARKERS: Record<string, string> = {
  createTracker: 'needs a collector',
  capturePageViews: 'settleMs',
  captureFormSubmits: "'elements'",
  captureChatOpens: 'data-tt-chat',
  captureChatWidgets: 'zendesk',
  captureReviewReads: 'data-tt-review',
  captureVitals: 'largest-contentful-paint',
  captureFeedback: 'data-tt-score',
  captureFormAbandons: 'focusin',
  captureRageClicks: '[role=button]',
  tcfConsent: '__tcfapi',
  segmentFormat: 'messageId',
  posthogFormat: '$current_url',
}

/** An app that imports `name` and uses it, bundled and minified as it would ship. */
const bundle = async (name: string) => {
  const result = await build({
    stdin: {
      contents: `import { ${name} } from ${JSON.stringify(ENTRY)}\nwindow.used = ${name}`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    define: { __VERSION__: '"test"' },
    logLevel: 'silent',
  })
  // Minified, a marker keeps its text but maybe not its quotes.
  return result.outputFiles[0].text.replaceAll('"', "'")
}

it('says so in package.json, so bundlers may drop unused modules', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { sideEffects?: unknown }
  expect(pkg.sideEffects).toBe(false)
})

describe.each(Object.keys(MARKERS))('an app importing only %s', (name) => {
  it('gets that export and none of the others', async () => {
    const code = await bundle(name)
    const found = Object.entries(MARKERS)
      .filter(([, marker]) => code.includes(marker.replaceAll('"', "'")))
      .map(([owner]) => owner)
    expect(found).toEqual([name])
  })
})
