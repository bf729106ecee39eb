// The test collector is what every browser test trusts: check that it answers what it is told
// and records exactly what it received.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startCollector } from './collector'
import { createInbox } from './inbox'

let collector: Awaited<ReturnType<typeof startCollector>>
beforeAll(async () => {
  collector = await startCollector()
})
afterAll(() => collector.close())

const body = (...ids: string[]) =>
  JSON.stringify({
    sentAt: new Date().toISOString(),
    sdk: { name: 'touchtrail', version: '0' },
    batch: ids.map((id) => ({ id, type: 'chat_open' })),
  })
const post = (url: string, text: string) =>
  fetch(url, {
    method: 'POST',
    body: text,
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
  })

it('answers scripted replies one per POST, then the default', async () => {
  const inbox = createInbox(collector.url)
  await inbox.script([{ status: 503, retryAfter: '7' }, { status: 413 }], { status: 202 })
  const first = await post(inbox.url, body('a'))
  expect(first.status).toBe(503)
  expect(first.headers.get('retry-after')).toBe('7')
  expect(first.headers.get('access-control-allow-origin')).toBe('*')
  expect((await post(inbox.url, body('b'))).status).toBe(413)
  expect((await post(inbox.url, body('c'))).status).toBe(202)
  expect((await post(inbox.url, body('d'))).status).toBe(202)
  expect((await inbox.log()).map((entry) => [entry.status, entry.ids])).toEqual([
    [503, ['a']],
    [413, ['b']],
    [202, ['c']],
    [202, ['d']],
  ])
  expect((await inbox.touchpoints()).map((touchpoint) => touchpoint.id)).toEqual(['c', 'd'])
})

it('keeps every accepted body raw, duplicates included, and nothing of rejected ones', async () => {
  const inbox = createInbox(collector.url)
  await inbox.script([{ status: 500 }])
  const bodies = [body('x'), body('x'), body('x')]
  for (const text of bodies) await post(inbox.url, text)
  await post(inbox.url, 'not json')
  const received = await inbox.received()
  expect(received.split('\n')).toEqual([bodies[1], bodies[2], 'not json'])
  expect(received.match(/"id":"x"/g)).toHaveLength(2)
  const log = await inbox.log()
  expect(log.map((entry) => entry.ids)).toEqual([['x'], ['x'], ['x'], []])
  expect(log[3]).toMatchObject({ status: 200, bytes: 8, contentType: 'text/plain;charset=UTF-8' })
})

it('counts the POSTs in flight when each one arrives', async () => {
  const inbox = createInbox(collector.url)
  await inbox.script([{ delayMs: 300 }, { delayMs: 300 }], { status: 200 })
  await Promise.all([post(inbox.url, body('1')), post(inbox.url, body('2'))])
  await post(inbox.url, body('3'))
  const log = await inbox.log()
  expect(log.map((entry) => entry.concurrent).sort()).toEqual([0, 0, 1])
  expect(log[2].concurrent).toBe(0)
})

it('drops the connection on reset and never answers on hang', async () => {
  const inbox = createInbox(collector.url)
  await inbox.script([{ reset: true }, { hang: true }])
  await expect(post(inbox.url, body('r'))).rejects.toThrow()
  await expect(
    fetch(inbox.url, { method: 'POST', body: body('h'), signal: AbortSignal.timeout(300) }),
  ).rejects.toThrow()
  // The hung request ended when the client gave up, so it is no longer in flight.
  await expect
    .poll(async () => {
      await post(inbox.url, body('after'))
      return (await inbox.log()).at(-1)?.concurrent
    })
    .toBe(0)
  const log = await inbox.log()
  expect(log.slice(0, 2).map((entry) => [entry.outcome, entry.status])).toEqual([
    ['reset', 0],
    ['hang', 0],
  ])
  expect(await inbox.received()).not.toContain('"r"')
})

it('answers preflights for any header and records them', async () => {
  const inbox = createInbox(collector.url)
  const response = await fetch(inbox.url, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://example.test',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'x-site',
    },
  })
  expect(response.status).toBe(204)
  expect(response.headers.get('access-control-allow-headers')).toBe('*')
  expect((await inbox.preflights()).map((p) => p.requestHeaders)).toEqual(['x-site'])
})

it('serves dist/ and test/pages/ under /static, with query templating and CSP', async () => {
  const page = await fetch(`${collector.url}/static/basic.html?collector=a%22b&csp=strict`)
  expect(page.status).toBe(200)
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
  expect(await page.text()).toContain('data-collector="a&#34;b"')
  expect((await fetch(`${collector.url}/static/..%2fpackage.json`)).status).toBe(404)
  expect((await fetch(`${collector.url}/static/nope.html`)).status).toBe(404)
})
