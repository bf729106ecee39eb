import { afterEach, expect, it, vi } from 'vitest'
import { createHttpPost, TIMEOUT_MS } from '../../../src/transport/http'

// The HTTP post over a scripted fetch: what it asks the browser for, and how it reads answers.
afterEach(() => vi.useRealTimers())

const answering = (make: () => Promise<Response>) => {
  const calls: { url: string; init: RequestInit }[] = []
  const send = (async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return make()
  }) as typeof fetch
  return { calls, send }
}

it('POSTs text/plain without credentials, and reads the status and Retry-After', async () => {
  const { calls, send } = answering(
    async () => new Response('', { status: 503, headers: { 'Retry-After': '7' } }),
  )
  const answer = await createHttpPost({}, send)('https://c.example/t', '{"batch":[]}')
  expect(answer).toEqual({ status: 503, retryAfter: '7' })
  expect(calls[0].url).toBe('https://c.example/t')
  expect(calls[0].init).toMatchObject({
    method: 'POST',
    body: '{"batch":[]}',
    credentials: 'omit',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
  })
})

it('adds the configured headers', async () => {
  const { calls, send } = answering(async () => new Response(''))
  await createHttpPost({ Authorization: 'Bearer k' }, send)('https://c.example/t', '{}')
  expect(calls[0].init.headers).toEqual({
    'Content-Type': 'text/plain;charset=UTF-8',
    Authorization: 'Bearer k',
  })
})

it('answers status 0 on a network error, never rejecting', async () => {
  const { send } = answering(() => Promise.reject(new TypeError('Failed to fetch')))
  expect(await createHttpPost({}, send)('https://c.example/t', '{}')).toEqual({
    status: 0,
    retryAfter: null,
  })
})

it('gives up on a collector that never answers, and aborts the request', async () => {
  vi.useFakeTimers()
  const { calls, send } = answering(() => new Promise<Response>(() => {}))
  const answer = createHttpPost({}, send)('https://c.example/t', '{}')
  await vi.advanceTimersByTimeAsync(TIMEOUT_MS)
  expect(await answer).toEqual({ status: 0, retryAfter: null })
  expect(calls[0].init.signal?.aborted).toBe(true)
})

it('asks for keepalive when told (page hide), and only then', async () => {
  const { calls, send } = answering(async () => new Response(''))
  const post = createHttpPost({}, send)
  await post('https://c.example/t', '{}', true)
  await post('https://c.example/t', '{}')
  expect(calls.map((call) => call.init.keepalive)).toEqual([true, undefined])
})

it('sends compressed bytes as they are', async () => {
  const { calls, send } = answering(async () => new Response(''))
  const bytes = new Uint8Array([0x1f, 0x8b, 1, 2]).buffer
  await createHttpPost({}, send)('https://c.example/t?compression=gzip', bytes)
  expect(calls[0].init.body).toBe(bytes)
})
