let lastMs = 0
let sequence = 0
let prefix = ''
let pool = /* @__PURE__ */ new Uint16Array(0)
let used = 0

// `digits` hex digits, zeros in front: the leading 1 of 16 ** digits holds their places.
const hex = (value: number, digits: number) => (value + 16 ** digits).toString(16).slice(1)

/**
 * A UUIDv7: time-ordered, so ids sort as touchpoints happened and serve as queue keys.
 * Within one millisecond a 12-bit sequence keeps this tab's ids in order (RFC 9562 §6.2, method 1).
 */
export const uuidv7 = (): string => {
  const now = Date.now()
  if (now > lastMs) ((lastMs = now), (sequence = 0), (prefix = ''))
  // Past 4,096 ids in one millisecond, the next millisecond is borrowed: the order holds.
  else if (++sequence > 0xfff) ((lastMs += 1), (sequence = 0), (prefix = ''))
  // A burst shares its millisecond: the time part is written once per millisecond, not per id.
  if (!prefix) {
    const time = hex(lastMs, 12)
    prefix = `${time.slice(0, 8)}-${time.slice(8)}-7`
  }
  // One getRandomValues call per 64 ids: the call, not the bytes, is what costs in a burst.
  if (used + 4 > pool.length) ((pool = crypto.getRandomValues(new Uint16Array(256))), (used = 0))
  const [a, b, c, d] = pool.subarray(used, (used += 4))
  // 62 random bits: the variant (10) takes the top two bits of the fourth group.
  return `${prefix}${hex(sequence, 3)}-${hex((a! & 0x3fff) | 0x8000, 4)}-${hex(b!, 4)}${hex(c!, 4)}${hex(d!, 4)}`
}
