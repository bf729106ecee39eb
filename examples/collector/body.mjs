// Reads a request body up to a byte limit. Content-Length is only a claim: chunked bodies have
// none and a client may lie, so the bytes are counted as they stream in as well.

/** Thrown (as a value) when the body is over the limit. */
export const TOO_LARGE = Symbol('too large')

/**
 * Resolves with the body as UTF-8 text, or rejects with TOO_LARGE.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limitBytes
 */
export const readBody = (req, limitBytes) =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (declared > limitBytes) {
      reject(TOO_LARGE)
      return
    }
    const chunks = []
    let size = 0
    const onData = (chunk) => {
      size += chunk.length
      if (size > limitBytes) {
        req.off('data', onData)
        // Keep reading into nowhere, so the client can finish sending and read our 413.
        req.resume()
        reject(TOO_LARGE)
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
