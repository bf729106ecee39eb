// Who may read /api/*: the data is personal. On loopback anyone may (it is the developer's own
// machine) unless a token is set; anywhere else a bearer token is required from every caller,
// because a reverse proxy in front makes every caller look local.
import { createHash, timingSafeEqual } from 'node:crypto'

/** True for the addresses only this machine can reach. */
export const isLoopback = (host) =>
  host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)

const digest = (text) => createHash('sha256').update(text).digest()

/**
 * Returns `allowed(req)`; throws when listening beyond loopback without a token.
 * @param {{ host: string, readToken?: string }} options
 */
export const createReadGuard = ({ host, readToken }) => {
  if (!readToken) {
    if (!isLoopback(host)) {
      throw new Error(
        `collector: listening on ${host} (not loopback) needs a read token for /api/*: ` +
          'pass --read-token <secret> or set TOUCHTRAIL_READ_TOKEN',
      )
    }
    return () => true
  }
  // Hashes have one length, so the comparison takes the same time whatever was sent.
  const expected = digest(readToken)
  return (req) => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')
    return match !== null && timingSafeEqual(digest(match[1]), expected)
  }
}
