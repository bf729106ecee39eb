const BASE_MS = 1_000
const MAX_MS = 300_000 // five minutes, a literal: `5 * 60_000` stays in every bundle of dist/index.js

/** Milliseconds before retry `attempt` (1, 2, …); the server's Retry-After wins, capped. */
export const backoffMs = (
  attempt: number,
  retryAfter: string | null,
  now: number,
  random = Math.random,
): number => {
  const asked = parseRetryAfter(retryAfter, now)
  if (asked !== undefined) return Math.min(asked, MAX_MS)
  const ceiling = Math.min(BASE_MS * 2 ** (attempt - 1), MAX_MS)
  // Half fixed, half random: visitors who failed together do not retry together.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

// Delay-seconds or an HTTP date: https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
const parseRetryAfter = (value: string | null, now: number): number | undefined => {
  if (!value) return undefined
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1_000 : Date.parse(value) - now
  return Number.isNaN(ms) ? undefined : Math.max(0, ms)
}
