let lastMs = 0
let sequence = 0
let prefix = ''
let pool = /* @__PURE__ */ new Uint8Array(0)
let used = 0
let hex: string[] | undefined

/**
 * A UUIDv7: time-ordered, so ids sort as touchpoints happened and serve as queue keys.
 * Within one millisecond a 12-bit sequence keeps this tab's ids in order (RFC 9562 §6.2, method 1).
 */
export const uuidv7 = (): string => {
  let ms = Date.now()
  if (ms <= lastMs) {
    ms = lastMs
    if (++sequence > 0xfff) ((ms = ++lastMs), (sequence = 0), (prefix = ''))
  } else {
    lastMs = ms
    sequence = 0
    prefix = ''
  }
  // A burst shares its millisecond: the time part is written once per millisecond, not per id.
  if (!prefix) {
    const time = ms.toString(16).padStart(12, '0')
    prefix = `${time.slice(0, 8)}-${time.slice(8)}-7`
  }
  // One getRandomValues call per 64 ids: the call, not the bytes, is what costs in a burst.
  if (used + 8 > pool.length) ((pool = crypto.getRandomValues(new Uint8Array(512))), (used = 0))
  hex ??= Array.from({ length: 256 }, (_, byte) => (byte + 256).toString(16).slice(1))
  const b = pool
  const i = (used += 8) - 8
  return (
    prefix +
    hex[sequence >> 8].slice(1) +
    hex[sequence & 0xff] +
    '-' +
    hex[(b[i] & 0x3f) | 0x80] +
    hex[b[i + 1]] +
    '-' +
    hex[b[i + 2]] +
    hex[b[i + 3]] +
    hex[b[i + 4]] +
    hex[b[i + 5]] +
    hex[b[i + 6]] +
    hex[b[i + 7]]
  )
}
