import { defineConfig } from 'tsup'
import { readFileSync } from 'node:fs'

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string }
const define = { __VERSION__: JSON.stringify(version) }

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'es2020',
    define,
  },
  {
    // The script tag: one file, minified, starts itself from its own <script> tag.
    entry: { 'touchtrail.global': 'src/global.ts' },
    format: ['iife'],
    outExtension: () => ({ js: '.js' }),
    minify: true,
    target: 'es2020',
    platform: 'browser',
    noExternal: [/.*/],
    define,
  },
  {
    // What the script tag loads beside itself only when its attributes ask for it.
    entry: {
      'touchtrail.vitals': 'src/captures/vitals.ts',
      'touchtrail.feedback': 'src/captures/feedback.ts',
      'touchtrail.formAbandon': 'src/captures/formAbandon.ts',
      'touchtrail.rageClick': 'src/captures/rageClick.ts',
      'touchtrail.chat': 'src/captures/chatWidgets.ts',
      'touchtrail.review': 'src/captures/reviewRead.ts',
      'touchtrail.consent': 'src/consent/byName.ts',
      'touchtrail.format': 'src/transport/formatByName.ts',
      'touchtrail.link': 'src/identity/decorateLinks.ts',
    },
    format: ['esm'],
    splitting: false,
    outExtension: () => ({ js: '.js' }),
    minify: true,
    target: 'es2020',
    platform: 'browser',
    noExternal: [/.*/],
    define,
  },
])
