// Runs the example tests on their own: npx vitest run --config examples/vitest.config.mjs
// (the root vitest.config.ts has the same project as `examples`).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'examples',
    root: new URL('..', import.meta.url).pathname,
    include: ['examples/**/*.test.mjs'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // One file at a time: the end-to-end test drives Chromium and the machine has two cores.
    fileParallelism: false,
  },
})
