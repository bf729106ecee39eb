/** A queued touchpoint: its id (the queue key, time-ordered) and its JSON. */
export interface QueueRecord {
  id: string
  json: string
}

/** The oldest records that fit `maxEvents` and `maxBytes` of body; always at least one. */
export const takeBatch = (
  records: readonly QueueRecord[],
  maxEvents: number,
  maxBytes: number,
): QueueRecord[] => {
  const taken: QueueRecord[] = []
  let bytes = ENVELOPE_BYTES
  for (const record of records) {
    // UTF-8 is at most 3 bytes per UTF-16 unit; counting exactly costs an encode per record.
    bytes += utf8Length(record.json) + 1
    if (taken.length && (taken.length >= maxEvents || bytes > maxBytes)) break
    taken.push(record)
  }
  return taken
}

/** Room for `{"sentAt":…,"sdk":…,"batch":[]}` around the records. */
export const ENVELOPE_BYTES = 120

/** The request body for `records`, reusing each record's JSON as it was queued. */
export const bodyOf = (records: readonly QueueRecord[], sentAt: string, version: string): string =>
  `{"sentAt":"${sentAt}","sdk":{"name":"touchtrail","version":"${version}"},"batch":[${records
    .map((record) => record.json)
    .join(',')}]}`

/** Bytes of `text` as UTF-8. */
export const utf8Length = (text: string): number => {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code > 0x7f) bytes += code > 0x7ff && (code < 0xd800 || code > 0xdfff) ? 2 : 1
  }
  return bytes
}
