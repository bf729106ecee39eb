// CORS for a collector any site may post to. SDK requests are CORS-simple (text/plain), but a
// site may configure custom headers (a preflight) or send credentials, so the origin is echoed
// rather than `*`, and whatever headers the preflight asks for are allowed.

/**
 * Sets CORS headers; answers a preflight itself and returns true when it did.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export const applyCors = (req, res) => {
  const origin = req.headers.origin
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers')
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin)
    res.setHeader('Access-Control-Allow-Credentials', 'true')
  } else {
    res.setHeader('Access-Control-Allow-Origin', '*')
  }
  if (req.method !== 'OPTIONS') return false
  res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS')
  const asked = req.headers['access-control-request-headers']
  if (asked) res.setHeader('Access-Control-Allow-Headers', asked)
  // Chrome's Private Network Access asks before a public page posts to a private address.
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true')
  }
  res.setHeader('Access-Control-Max-Age', '86400')
  res.writeHead(204).end()
  return true
}
