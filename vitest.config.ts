import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { playwright } from '@vitest/browser-playwright'
import { chromiumArgs, findChromium } from './scripts/chromium.mjs'

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string }

/** The Chromium every browser test launches; `node scripts/chromium.mjs` installs one if needed. */
const chromium = findChromium() ?? '/usr/bin/chromium'

export default defineConfig({
  // Tests import 'touchtrail' as an app would; it resolves to the source, like tsconfig paths.
  resolve: { alias: { touchtrail: fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  // tsup defines __VERSION__ at build time; tests of src/ need the same.
  define: { __VERSION__: JSON.stringify(version) },
  test: {
    // Waits, never sleeps: a poll gives a loaded 2-core CI box room before it calls a failure.
    expect: { poll: { timeout: 5_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/support/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/types/**/*.test-d.ts'],
            // Only the type tests and what they import; the whole tree is `npm run typecheck`'s.
            tsconfig: './test/types/tsconfig.json',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/globalSetup.ts'],
          // Retries wait real backoff: give a test room, but a hang still fails in a minute.
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromium, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
            // Failures are read from what the collector got; a screenshot of a blank page is noise.
            screenshotFailures: false,
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // Each file launches its own Chromium: one at a time on a 2-core machine.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // The runnable examples: DuckDB collector, storefront and blog end to end in Chromium.
          name: 'examples',
          environment: 'node',
          include: ['examples/**/*.test.mjs'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
