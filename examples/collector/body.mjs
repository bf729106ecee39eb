// Reads a request body up to a byte limit, and gunzips it up to another. Content-Length is only a
// claim: chunked bodies have none and a client may lie, so the bytes are counted as they stream
// in as well; inflating stops at the limit, so a gzip bomb costs a 413, never the memory.
import { gunzip } from 'node:zlib'

/** Thrown (as a value) when the body, sent or inflated, is over its limit. */
export const TOO_LARGE = Symbol('too large')

/** Thrown (as a value) when a body that claims gzip is not. */
export const NOT_GZIP = Symbol('not gzip')

/**
 * Resolves with the body's bytes, or rejects with TOO_LARGE.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limitBytes
 * @returns {Promise<Buffer>}
 */
export const readBody = (req, limitBytes) =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (declared > limitBytes) {
      // Read into nowhere, so the client can finish sending and read our 413.
      req.resume()
      reject(TOO_LARGE)
      return
    }
    const chunks = []
    let size = 0
    const onData = (chunk) => {
      size += chunk.length
      if (size > limitBytes) {
        req.off('data', onData)
        req.resume()
        reject(TOO_LARGE)
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })

// SPEC §5: `compression=gzip` (touchtrail) or `gzip-js` (PostHog's flag), or gzip's magic bytes.
const isGzip = (bytes, compression) =>
  compression === 'gzip' ||
  compression === 'gzip-js' ||
  (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)

/**
 * The body as text: gunzipped when the query or its first bytes say gzip, at most
 * `maxInflatedBytes` of it (else rejects with TOO_LARGE; NOT_GZIP when it does not inflate).
 * @param {Buffer} bytes
 * @param {{ compression?: string | null, maxInflatedBytes: number }} options
 * @returns {Promise<string>}
 */
export const decodeBody = async (bytes, { compression, maxInflatedBytes }) => {
  if (!isGzip(bytes, compression)) return bytes.toString('utf8')
  return new Promise((resolve, reject) => {
    gunzip(bytes, { maxOutputLength: maxInflatedBytes }, (error, inflated) => {
      if (!error) resolve(inflated.toString('utf8'))
      else if (error.code === 'ERR_BUFFER_TOO_LARGE') reject(TOO_LARGE)
      else reject(NOT_GZIP)
    })
  })
}
