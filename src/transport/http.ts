/** What the collector answered: `status` 0 when there was no answer (network error, timeout). */
export interface Answer {
  status: number
  retryAfter: string | null
}

/** POSTs one body to `url`; resolves with the answer, never rejects. */
export type Post = (url: string, body: string | ArrayBuffer, keepalive?: boolean) => Promise<Answer>

/** Gives up on a collector that does not answer, so a hung request cannot stall the queue. */
export const TIMEOUT_MS = 10_000

/** Keepalive requests in flight may not total more than 64 KiB (Fetch spec, inflight keepalive bytes). */
export const KEEPALIVE_MAX_BYTES = 64_000

/** No answer: a network error (a keepalive body past the browser's budget is one), or a timeout. */
export const NO_ANSWER: Answer = { status: 0, retryAfter: null }

/**
 * POSTs as text/plain, a CORS-simple request with no preflight, unless the site configured
 * headers. The fetch is taken when the tracker starts, before a page can replace it.
 */
export const createHttpPost = (headers: Record<string, string> = {}, send = fetch): Post => {
  return (url, body, keepalive) => {
    const abort = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    // The race gives up even where a page's fetch wrapper drops `signal` and cannot be aborted.
    const timeout = new Promise<Answer>((resolve) => {
      timer = setTimeout(() => {
        abort.abort()
        resolve(NO_ANSWER)
      }, TIMEOUT_MS)
    })
    const request = (async (): Promise<Answer> => {
      const response = await send(url, {
        method: 'POST',
        body,
        keepalive,
        credentials: 'omit',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
        signal: abort.signal,
      })
      return { status: response.status, retryAfter: response.headers.get('Retry-After') }
    })().catch(() => NO_ANSWER)
    return Promise.race([request, timeout]).finally(() => clearTimeout(timer))
  }
}
