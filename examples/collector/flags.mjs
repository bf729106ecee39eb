// The collector's command-line flags, each with its environment twin, in one table: server.mjs
// parses them and examples/demo.mjs passes them through. To add a setting, add a row.

/** flag → the startCollector option it sets, its environment variables, and a parser. */
export const COLLECTOR_FLAGS = {
  port: { option: 'port', env: ['PORT', 'TOUCHTRAIL_PORT'], parse: (v) => portNumber(v) },
  host: { option: 'host', env: ['TOUCHTRAIL_HOST'], help: 'address to listen on' },
  db: { option: 'dbPath', env: ['TOUCHTRAIL_DB'], help: 'DuckDB file, :memory: or postgres://…' },
  'read-token': {
    option: 'readToken',
    env: ['TOUCHTRAIL_READ_TOKEN'],
    help: 'bearer token /api/* requires (required off loopback)',
  },
  conversions: {
    option: 'conversions',
    env: ['TOUCHTRAIL_CONVERSIONS'],
    parse: (v) => typeList(v),
    help: 'conversion types, comma-separated (default purchase)',
  },
  'crm-webhook': {
    option: 'crmWebhook',
    env: ['TOUCHTRAIL_CRM_WEBHOOK'],
    parse: (v) => webhookUrl(v),
    help: 'POST each identify and conversion here (with --crm-secret)',
  },
  'crm-secret': {
    option: 'crmSecret',
    env: ['TOUCHTRAIL_CRM_SECRET'],
    help: 'HMAC-SHA256 key signing the webhook bodies',
  },
  quiet: {
    option: 'quiet',
    env: ['TOUCHTRAIL_QUIET'],
    boolean: true,
    parse: (v) => v === true || v === 'true' || v === '1',
    help: 'do not log each batch',
  },
}

const portNumber = (value) => {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number, not ${value}`)
  }
  return port
}

const typeList = (value) => {
  const types = value
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean)
  const bad = types.find((type) => !/^[A-Za-z][\w.:-]{0,63}$/.test(type))
  if (types.length === 0 || bad !== undefined) {
    throw new Error(`--conversions takes touchpoint types like purchase,signup, not ${value}`)
  }
  return types
}

const webhookUrl = (value) => {
  let url
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new Error(`--crm-webhook must be an http(s) URL, not ${value}`)
  }
  return url.href
}

/** parseArgs `options` for the named flags (all by default). */
export const flagSpecs = (names = Object.keys(COLLECTOR_FLAGS)) =>
  Object.fromEntries(
    names.map((name) => [name, { type: COLLECTOR_FLAGS[name].boolean ? 'boolean' : 'string' }]),
  )

/**
 * startCollector options from parsed flags, falling back on their environment variables; a flag
 * set nowhere is left out (startCollector's default applies). Throws on a bad value.
 * @param {Record<string, string | undefined>} values
 */
export const collectorOptions = (
  values,
  env = process.env,
  names = Object.keys(COLLECTOR_FLAGS),
) => {
  const options = {}
  for (const name of names) {
    const { option, env: twins, parse = (v) => v } = COLLECTOR_FLAGS[name]
    const value = values[name] ?? twins.map((twin) => env[twin]).find((v) => v !== undefined)
    if (value !== undefined && value !== '') options[option] = parse(value)
  }
  return options
}

/** Lines for --help. */
export const flagHelp = (names = Object.keys(COLLECTOR_FLAGS)) =>
  names
    .map((name) => {
      const { env, help = '' } = COLLECTOR_FLAGS[name]
      return `  --${name.padEnd(12)} ${help.padEnd(52)} (env ${env.join(', ')})`
    })
    .join('\n')
