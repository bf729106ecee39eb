// feedback through a real tracker to the test collector: markup answers, the touchpoint rated,
// and the check in track() that drops bad scores and purchases whoever sends them.
import { afterEach, expect, inject, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { captureFeedback } from 'touchtrail'
import type { TrackerOptions, TouchtrailError } from 'touchtrail'
import { startGranted } from '../support/grantedTracker'
import { createInbox, type Inbox } from '../support/inbox'

const DOCS = 'https://github.com/touchtrail/touchtrail/blob/main/docs/errors.md'

const start = (inbox: Inbox, options: Partial<TrackerOptions> = {}) =>
  startGranted(inbox, { capture: [captureFeedback()], ...options })
afterEach(() => {
  document.body.innerHTML = ''
})
const of = async (inbox: Inbox, type: string) =>
  (await inbox.touchpoints()).filter((touchpoint) => touchpoint.type === type)

it('sends the answer a visitor clicks, linked to the chat it rates, once per widget', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = start(inbox)
  document.body.innerHTML = `
    <div data-tt-feedback="csat" data-tt-about="chat_open" data-tt-question="How was the chat?">
      <button data-tt-score="1">Bad</button><button data-tt-score="5">Great</button>
    </div>
    <div data-tt-feedback="nps" data-tt-about="purchase" data-tt-question="${'Q'.repeat(230)}">
      <button data-tt-score="9">9</button>
    </div>`
  const chat = tracker.track('chat_open', { provider: 'custom', trigger: 'api' })
  await userEvent.click(document.querySelector('[data-tt-score="5"]')!)
  await userEvent.click(document.querySelector('[data-tt-score="1"]')!) // same widget: nothing
  await userEvent.click(document.querySelector('[data-tt-score="9"]')!)
  await tracker.flush()
  await expect.poll(async () => (await of(inbox, 'feedback')).length).toBe(2)
  const [chatAnswer, npsAnswer] = await of(inbox, 'feedback')
  expect(chatAnswer!.props).toEqual({
    scale: 'csat',
    score: 5,
    question: 'How was the chat?',
    about: { type: 'chat_open', touchpointId: chat },
  })
  // No purchase on this page view: the type alone; the question cut to 200 characters.
  expect(npsAnswer!.props).toEqual({
    scale: 'nps',
    score: 9,
    question: 'Q'.repeat(200),
    about: { type: 'purchase' },
  })
})

it('drops bad scores, from markup or track(), and bad purchases, with a message', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const errors: TouchtrailError[] = []
  const tracker = start(inbox, { onError: (error) => errors.push(error) })
  document.body.innerHTML = `<div data-tt-feedback="csat"><button data-tt-score="9">9</button></div>
    <div data-tt-feedback="stars"><button data-tt-score="4">4</button></div>`
  for (const button of document.querySelectorAll('button')) await userEvent.click(button)
  const track = tracker.track as (type: string, props: unknown) => string | undefined
  expect(track('feedback', { scale: 'csat', score: '4' })).toBeUndefined()
  expect(track('purchase', { orderId: 'o-1', value: -5, currency: 'EUR' })).toBeUndefined()
  expect(track('purchase', { orderId: 'o-2', value: 10, currency: 'eur' })).toBeUndefined()
  const kept = tracker.track('purchase', { orderId: 'o-3', value: 42.5, currency: 'EUR' })
  const thumbs = tracker.track('feedback', { scale: 'thumbs', score: 0 })
  await tracker.flush()
  await expect
    .poll(async () => (await inbox.touchpoints()).map(({ id }) => id))
    .toEqual([kept, thumbs])
  const [purchase] = await of(inbox, 'purchase')
  expect(purchase).toMatchObject({
    stage: 'purchase',
    props: { orderId: 'o-3', value: 42.5, currency: 'EUR' },
  })
  // One message per kind of problem: the reporter tells each distinct one once.
  expect(errors).toEqual([
    {
      code: 'invalid_input',
      message: `track('feedback') needs a scale and a score in its range (${DOCS}#invalid_input)`,
    },
    {
      code: 'invalid_input',
      message: `track('purchase') needs orderId, value >= 0 and currency (${DOCS}#invalid_input)`,
    },
  ])
  expect(await inbox.received()).not.toContain('o-1')
})

it('answers the same widget again after a new page view', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = start(inbox)
  document.body.innerHTML =
    '<div data-tt-feedback="thumbs"><button data-tt-score="1">Yes</button></div>'
  const button = document.querySelector('button')!
  await userEvent.click(button)
  await userEvent.click(button)
  tracker.page()
  await userEvent.click(button)
  await tracker.flush()
  await expect
    .poll(async () => (await inbox.touchpoints()).map(({ type }) => type))
    .toEqual(['feedback', 'page_view', 'feedback'])
})
