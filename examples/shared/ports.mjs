// The demo's three ports: a flag, else its environment twin, else the default. `npm run demo`
// listens on them and `npm run simulate` finds the running demo there, so both read them here.

/** parseArgs options for the port flags. */
export const PORT_OPTIONS = {
  'collector-port': { type: 'string' },
  'shop-port': { type: 'string' },
  'blog-port': { type: 'string' },
}

/** The port flags' lines for a --help text. */
export const PORT_HELP = `  --collector-port N  collector and journey viewer  (env TOUCHTRAIL_COLLECTOR_PORT, default 8787)
  --shop-port N       storefront                    (env TOUCHTRAIL_SHOP_PORT, default 8788)
  --blog-port N       blog                          (env TOUCHTRAIL_BLOG_PORT, default 8789)`

const PORTS = {
  collector: ['collector-port', 'TOUCHTRAIL_COLLECTOR_PORT', 8787],
  shop: ['shop-port', 'TOUCHTRAIL_SHOP_PORT', 8788],
  blog: ['blog-port', 'TOUCHTRAIL_BLOG_PORT', 8789],
}

/**
 * Reads the ports from parsed flags and the environment; throws an Error naming the bad flag.
 * @param {Record<string, unknown>} flags
 * @returns {{ collector: number, shop: number, blog: number }}
 */
export const demoPorts = (flags, env = process.env) =>
  Object.fromEntries(
    Object.entries(PORTS).map(([name, [flag, variable, fallback]]) => {
      const given = flags[flag] ?? env[variable]
      const value = Number(given ?? fallback)
      if (!Number.isInteger(value) || value < 0 || value > 65_535)
        throw new Error(`--${flag} must be a port number, not ${given}`)
      return [name, value]
    }),
  )
