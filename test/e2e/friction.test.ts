// The opt-in captures through the script tag (SPEC §1, §3): each loads as its own chunk, and what
// the visitor left behind — a half-filled form, a burst of clicks — arrives after they navigate.
import { expect, it } from 'vitest'
import type { Page } from 'playwright'
import type { Touchpoint } from '../../src/types'
import { createInbox, type Inbox } from '../support/inbox'
import { firstViewDelivered, openPage, pageUrl, sdkLoaded, useChromium } from '../support/chromium'

const env = useChromium()
const CHUNKS = ['touchtrail.feedback.js', 'touchtrail.formAbandon.js', 'touchtrail.rageClick.js']

/**
 * Resolves once the tag's chunks have run: the tag import()ed them first, so its reaction to
 * each (attaching the capture) runs before this one's.
 */
const chunksAttached = (page: Page) =>
  // A string, not a function: vitest would rewrite a function's import() for node.
  page.evaluate(`(async () => {
    const tag = document.querySelector('script[data-collector]')
    for (const file of ${JSON.stringify(CHUNKS)}) await import(new URL(file, tag.src).href)
  })()`)

/** Each touchpoint once: what the unload sent may come again from the next load (same id). */
const delivered = async (inbox: Inbox) => [
  ...new Map((await inbox.touchpoints()).map((touchpoint) => [touchpoint.id, touchpoint])).values(),
]

it('delivers a form abandoned by navigating away, a rage click and an answer, no typed byte', async () => {
  const inbox = createInbox(env.collector.url)
  const { page, pageErrors, consoleErrors } = await openPage(env.context)
  const url = pageUrl(env.collector.url, 'friction.html', { collector: inbox.url })
  await page.goto(url)
  await sdkLoaded(page)
  await chunksAttached(page)
  await firstViewDelivered(page, inbox) // the answer below rates it
  await page.locator('[name=card]').pressSequentially('SENTINEL-4242 4242')
  await page.locator('[name=email]').fill('SENTINEL-ann@example.com')
  await page.locator('[data-tt-score="4"]').click()
  await page.locator('#pay').click({ clickCount: 3 })
  await page.goto(pageUrl(env.collector.url, 'blank.html')) // leaves: pagehide
  await page.goto(url) // whatever the unload could not send, the next load does
  const of = async (type: string) =>
    (await delivered(inbox)).filter((touchpoint) => touchpoint.type === type)
  await expect.poll(async () => (await of('form_abandon')).length, { timeout: 15_000 }).toBe(1)
  await expect.poll(async () => (await of('rage_click')).length, { timeout: 15_000 }).toBe(1)
  const [abandon] = (await of('form_abandon')) as Touchpoint<'form_abandon'>[]
  expect(abandon!.props).toEqual({
    formId: 'checkout',
    fields: ['card', 'email'],
    lastField: 'pay', // the button the visitor was stuck on
    dwellMs: expect.any(Number),
  })
  expect(abandon!.props.dwellMs).toBeGreaterThan(0)
  expect(abandon!.page.path).toBe('/static/friction.html')
  expect((await of('rage_click'))[0]!.props).toEqual({
    target: 'form#checkout > button#pay.primary',
    clicks: 3,
  })
  const [firstView] = await of('page_view')
  expect((await of('feedback'))[0]!.props).toEqual({
    scale: 'csat',
    score: 4,
    question: 'How easy was this page?',
    about: { type: 'page_view', touchpointId: firstView!.id },
  })
  expect(await inbox.received()).not.toContain('SENTINEL')
  expect(pageErrors).toEqual([])
  expect(consoleErrors).toEqual([])
})

it('sends no form_abandon for a form submitted before leaving', async () => {
  const inbox = createInbox(env.collector.url)
  const { page, pageErrors } = await openPage(env.context)
  const url = pageUrl(env.collector.url, 'friction.html', { collector: inbox.url })
  await page.goto(url)
  await sdkLoaded(page)
  await chunksAttached(page)
  await firstViewDelivered(page, inbox) // the answer below rates it
  await page.locator('[name=card]').fill('SENTINEL-4242')
  await page.locator('#place').click() // submitted; the page's handler keeps it here
  await page.locator('[data-tt-score="2"]').click() // something after, to wait for
  await page.goto(pageUrl(env.collector.url, 'blank.html'))
  await page.goto(url)
  await expect
    .poll(async () => (await delivered(inbox)).map(({ type }) => type), { timeout: 15_000 })
    .toEqual(['page_view', 'feedback', 'page_view'])
  expect(pageErrors).toEqual([])
})
