let lastMs = 0
let sequence = 0

/**
 * A UUIDv7: time-ordered, so ids sort as touchpoints happened and serve as queue keys.
 * Within one millisecond a 12-bit sequence keeps this tab's ids in order (RFC 9562 §6.2, method 1).
 */
export const uuidv7 = (): string => {
  let ms = Date.now()
  if (ms <= lastMs) {
    ms = lastMs
    if (++sequence > 0xfff) (ms = ++lastMs), (sequence = 0)
  } else {
    lastMs = ms
    sequence = 0
  }
  const random = crypto.getRandomValues(new Uint8Array(8))
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')
  const tail = Array.from(random, (byte, i) => hex(i ? byte : (byte & 0x3f) | 0x80, 2)).join('')
  const time = hex(ms, 12)
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(sequence, 3)}-${tail.slice(0, 4)}-${tail.slice(4)}`
}
