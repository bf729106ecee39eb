let lastMs = 0
let sequence = 0
let pool = new Uint8Array(0)
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
    if (++sequence > 0xfff) ((ms = ++lastMs), (sequence = 0))
  } else {
    lastMs = ms
    sequence = 0
  }
  // One getRandomValues call per 64 ids: the call, not the bytes, is what costs in a burst.
  if (used + 8 > pool.length) ((pool = crypto.getRandomValues(new Uint8Array(512))), (used = 0))
  hex ??= Array.from({ length: 256 }, (_, byte) => (byte + 256).toString(16).slice(1))
  const b = pool.subarray(used, (used += 8))
  const time = ms.toString(16).padStart(12, '0')
  const seq = sequence.toString(16).padStart(3, '0')
  return `${time.slice(0, 8)}-${time.slice(8)}-7${seq}-${hex[(b[0] & 0x3f) | 0x80]}${hex[b[1]]}-${
    hex[b[2]] + hex[b[3]] + hex[b[4]] + hex[b[5]] + hex[b[6]] + hex[b[7]]
  }`
}
