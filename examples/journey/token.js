// The read token (SPEC §7): a collector off loopback answers /api/* only with a bearer token.
// The page asks for it once, at the first 401, and keeps it for this tab in sessionStorage.
const KEY = 'touchtrail-read-token'
let asking

const ask = () => {
  // Parallel calls that all got a 401 share one question.
  asking ??= Promise.resolve().then(() => {
    const token = window.prompt('This collector needs its read token (--read-token):')?.trim()
    if (token) sessionStorage.setItem(KEY, token)
    return token || undefined
  })
  return asking
}

const withToken = (token) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {})

/** fetch() for the API, with the read token when there is one; asks for it at a 401. */
export const apiFetch = async (path) => {
  const stored = sessionStorage.getItem(KEY) ?? undefined
  const response = await fetch(path, withToken(stored))
  if (response.status !== 401) return response
  // A stored token the collector no longer takes is dropped; the question comes once per load.
  if (stored) sessionStorage.removeItem(KEY)
  const token = await ask()
  return token ? fetch(path, withToken(token)) : response
}
