/**
 * Query parameter names removed from every URL before it is stored. Compared without case and
 * without separators, so `api_key` also covers `apiKey`, `API-KEY` and `api.key`.
 */
// prettier-ignore
export const SECRET_PARAMS: readonly string[] = [
  'email', 'mail', 'e_mail', 'email_address', 'token', 'access_token', 'id_token',
  'refresh_token', 'auth_token', 'password', 'passwd', 'pass', 'pwd', 'code', 'auth_code',
  'key', 'api_key', 'secret', 'client_secret', 'session', 'session_id', 'sid', 'auth',
  'authorization', 'otp', 'ssn', 'phone', 'tel', 'mobile', 'jwt', 'signature', 'sig',
  'credential', 'credentials', 'card', 'card_number', 'cc', 'cvv', 'iban',
]

// Names that end like a secret are secrets too: user_email, resetToken, x-api-key, new_password.
const SECRET_END =
  /(email|token|passw(or)?d|pwd|secret|otp|ssn|phone|jwt|apikey|sessionid|authcode)$/

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '')

const SECRET_SET = /* @__PURE__ */ new Set(SECRET_PARAMS.map(squash))

const isSecret = (pair: string, extra: readonly string[]): boolean => {
  let name = pair.split('=')[0]!.replace(/\+/g, ' ')
  // Empty catch: a malformed escape stays as written and is compared as such.
  try {
    name = decodeURIComponent(name)
  } catch {}
  const key = squash(name)
  return SECRET_SET.has(key) || SECRET_END.test(key) || extra.some((x) => squash(x) === key)
}

// Drops the secret pairs of the query that starts after `part[at]`; the separator goes too when
// nothing is left.
const strip = (part: string, at: number, extra: readonly string[]): string => {
  const kept = part
    .slice(at + 1)
    .split('&')
    .filter((pair) => !isSecret(pair, extra))
  return part.slice(0, at) + (kept.length ? part[at] + kept.join('&') : '')
}

/**
 * `url` without the query parameters of {@link SECRET_PARAMS} (and `extra`), in its query and in
 * its fragment (`#/route?token=…`, or `#access_token=…` as OAuth implicit flows write it).
 * Works on absolute and relative URLs alike, keeps everything else as written, never throws.
 */
export const redactUrl = (url: string, extra: readonly string[] = []): string => {
  if (typeof url !== 'string') return url
  const hashAt = url.indexOf('#')
  const main = hashAt < 0 ? url : url.slice(0, hashAt)
  let hash = hashAt < 0 ? '' : url.slice(hashAt)
  const query = main.indexOf('?')
  const hashQuery = hash.indexOf('?')
  if (hashQuery > -1) hash = strip(hash, hashQuery, extra)
  else if (hash.includes('=')) hash = strip(hash, 0, extra)
  return (query < 0 ? main : strip(main, query, extra)) + hash
}
