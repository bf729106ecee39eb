const RAW = /* @__PURE__ */ Symbol('json')

/** JSON already written (by `toJson`), to be placed into a larger value as it is. */
export interface RawJson {
  [RAW]: string
}

/** Marks `json` to be written as it is when `toJson` meets it. */
export const rawJson = (json: string): RawJson => ({ [RAW]: json })

/** Longest string kept; longer ones are cut and end in `…`. */
export const MAX_STRING = 2_048
const MAX_DEPTH = 8
/** Most array items and object fields kept: `new Array(1e7)` must not freeze the page. */
export const MAX_ITEMS = 1_000
const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
}

/**
 * JSON for any value a site may pass, written by hand: the host page may have replaced
 * JSON.stringify or added Array.prototype.toJSON (old Prototype.js does), and props may hold
 * cycles, BigInts or functions. Cycles and over-deep values become markers, BigInts strings,
 * functions, symbols and undefined are left out, long strings are cut.
 */
export const toJson = (value: unknown): string =>
  (typeof value === 'object' && value && flatJson(value)) || write(value, [])

// The built-in, as it was when we loaded; used only once it writes a probe exactly as it should.
// Pure: a bundle that never writes JSON (a capture alone) drops it.
const builtIn = /* @__PURE__ */ (() => globalThis.JSON?.stringify)()
let trusted: boolean | undefined
const trust = () => {
  try {
    return (
      builtIn({ a: '"\n\ud800é', b: 1.5, c: null, d: true }) ===
      '{"a":"\\"\\n\\ud800é","b":1.5,"c":null,"d":true}'
    )
  } catch {
    return false
  }
}

/**
 * A flat plain object of short strings, numbers, booleans and nulls (most props are) is written
 * by the built-in: it is several times faster in a page's cold burst of track() calls. Anything
 * else, or a built-in a page replaced, goes through `write`.
 */
const flatJson = (value: object): string | undefined => {
  if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value) return
  const fields = Object.values(value)
  if (fields.length > MAX_ITEMS) return
  for (const field of fields) {
    const kind = typeof field
    if (
      kind === 'string'
        ? field.length > MAX_STRING
        : kind === 'object'
          ? field
          : kind === 'bigint' || kind === 'function'
    )
      return
  }
  return (trusted ??= trust()) ? builtIn(value) : undefined
}

const write = (value: unknown, parents: object[]): string => {
  switch (typeof value) {
    case 'string':
      return quote(value.length > MAX_STRING ? value.slice(0, MAX_STRING - 1) + '…' : value)
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return quote(String(value))
    case 'object':
      if (value === null) return 'null'
      if (value instanceof Date) {
        return Number.isNaN(value.getTime()) ? 'null' : quote(value.toISOString())
      }
      if (RAW in value) return (value as RawJson)[RAW]
      if (parents.includes(value)) return '"[Circular]"'
      if (parents.length >= MAX_DEPTH) return '"[Too deep]"'
      parents.push(value) // one stack for the whole walk: no copy per object
      try {
        return writeObject(value, parents)
      } finally {
        parents.pop()
      }
    default:
      return 'null' // function, symbol, undefined in an array
  }
}

// Strings joined with += rather than arrays and join(): V8 builds them without the garbage.
const writeObject = (value: object, parents: object[]): string => {
  let out = ''
  if (Array.isArray(value)) {
    const length = Math.min(value.length, MAX_ITEMS)
    for (let i = 0; i < length; i++) out += (i ? ',' : '') + write(value[i], parents)
    return `[${out}]`
  }
  const keys = Object.keys(value)
  const length = Math.min(keys.length, MAX_ITEMS)
  for (let i = 0; i < length; i++) {
    const field = (value as Record<string, unknown>)[keys[i]]
    const kind = typeof field
    if (kind === 'function' || kind === 'symbol' || kind === 'undefined') continue
    out += (out ? ',' : '') + quote(keys[i]) + ':' + write(field, parents)
  }
  return `{${out}}`
}

const ESCAPED = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/

const quote = (text: string): string =>
  // Most strings need no escaping: one test, and the replace only when it does.
  ESCAPED.test(text)
    ? // A pair of surrogates is kept; a lone one is escaped, so the body is always valid UTF-8.
      `"${text.replace(
        /["\\\u0000-\u001f\u2028\u2029]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g,
        (char) =>
          char.length > 1
            ? char
            : (ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
      )}"`
    : `"${text}"`
