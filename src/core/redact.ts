/**
 * Query parameter names removed from every URL before it is stored. Compared without case and
 * without separators, so `api_key` also covers `apiKey`, `API-KEY` and `api.key`. `_tt` carries
 * a visitor's ids between linked sites (§6).
 */
export const SECRET_PARAMS: readonly string[] = /* @__PURE__ */ (
  'email mail e_mail email_address token access_token id_token refresh_token auth_token ' +
  'password passwd pass pwd code auth_code key api_key secret client_secret session session_id ' +
  'sid auth authorization otp ssn phone tel mobile jwt signature sig credential credentials ' +
  'card card_number cc cvv iban _tt'
).split(' ')

/** A query name or value as written: `+` is a space; a malformed escape stays as it is. */
export const decodeParam = (text: string): string => {
  text = text.replace(/\+/g, ' ')
  // Empty catch: the text stays as written, and is compared and kept as such.
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

// Only [a-z0-9] is left, so a squashed name is safe inside a RegExp.
const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '')

// Drops the secret pairs of the query that starts after `part[at]` (none when `at` is -1); the
// separator goes too when nothing is left.
const strip = (part: string, at: number, secret: RegExp): string => {
  if (at < 0) return part
  const kept = part
    .slice(at + 1)
    .split('&')
    .filter((pair) => !secret.test(squash(decodeParam(pair.split('=')[0]!))))
  return part.slice(0, at) + (kept.length ? part[at] + kept.join('&') : '')
}

/**
 * `url` without the query parameters of {@link SECRET_PARAMS} (and `extra`), in its query and in
 * its fragment (`#/route?token=…`, or `#access_token=…` as OAuth implicit flows write it).
 * Works on absolute and relative URLs alike, keeps everything else as written, never throws.
 */
export const redactUrl = (url: string, extra: readonly string[] = []): string => {
  if (typeof url !== 'string') return url
  // The names given, and those that end like a secret: user_email, resetToken, new_password.
  const secret = RegExp(
    `^(${[...SECRET_PARAMS, ...extra].map(squash).join('|')})$|` +
      '(email|token|passw(or)?d|pwd|secret|otp|ssn|phone|jwt|apikey|sessionid|authcode)$',
  )
  const [, main, hash] = /^([^#]*)(.*)$/s.exec(url)!
  const at = hash!.indexOf('?')
  return (
    strip(main!, main!.indexOf('?'), secret) +
    strip(hash!, at < 0 && hash!.includes('=') ? 0 : at, secret)
  )
}
