// Bundles each contender into one minified browser file with esbuild, and measures sizes.
import { build } from 'esbuild'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const CONTENDERS_DIR = fileURLToPath(new URL('../contenders/', import.meta.url))

const options = {
  bundle: true,
  minify: true,
  write: false,
  platform: 'browser',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'silent',
  define: { 'process.env.NODE_ENV': '"production"' },
}

/** gzip -9 and brotli q11 sizes of some bytes, as a CDN would serve them. */
export const sizesOf = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length,
})

/**
 * One IIFE file from a contender's page adapter (ESM → IIFE; dynamic imports are inlined).
 * `readable` skips minifying, so a profile names the functions.
 */
export const bundlePage = async (entry, { readable = false } = {}) => {
  const result = await build({
    ...options,
    entryPoints: [CONTENDERS_DIR + entry],
    format: 'iife',
    ...(readable ? { minify: false } : {}),
  })
  return Buffer.from(result.outputFiles[0].contents)
}

/** The ESM bundle of an npm user's minimal import, with everything else shaken off. */
export const bundleMinimal = async (source) => {
  const result = await build({
    ...options,
    format: 'esm',
    stdin: { contents: source, resolveDir: CONTENDERS_DIR, loader: 'js' },
  })
  return Buffer.from(result.outputFiles[0].contents)
}
