// form_abandon through a real tracker to the test collector: field names and never a typed byte,
// at pagehide and after an SPA route change; nothing for submitted or ignored forms.
import { afterEach, expect, inject, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { captureFormAbandons } from 'touchtrail'
import type { Touchpoint } from 'touchtrail'
import { startGranted } from '../support/grantedTracker'
import { createInbox, type Inbox } from '../support/inbox'

const home = location.href
const start = (inbox: Inbox) => startGranted(inbox, { capture: [captureFormAbandons()] })
afterEach(() => {
  document.body.innerHTML = ''
  history.replaceState(null, '', home)
})
const abandons = async (inbox: Inbox) =>
  (await inbox.touchpoints()).filter(
    ({ type }) => type === 'form_abandon',
  ) as Touchpoint<'form_abandon'>[]
// As the browser does when the visitor leaves: the tracker's listener, then the capture's.
const pageHide = () => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }))

const CHECKOUT = `<form id="checkout" action="/pay">
  <input name="email" type="email"><input name="password" type="password">
  <input name="card" id="card"><input name="cvc" data-tt-ignore><button>Pay</button></form>`

it('sends the changed field names at pagehide, and not one byte of what was typed', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  start(inbox)
  document.body.innerHTML = CHECKOUT
  await userEvent.type(document.querySelector('[name=email]')!, 'SENTINEL-ann@example.com')
  await userEvent.type(document.querySelector('[name=password]')!, 'SENTINEL-pw-7731')
  await userEvent.type(document.querySelector('[name=cvc]')!, 'SENTINEL-cvc')
  await userEvent.click(document.querySelector('#card')!) // focused, never typed in
  pageHide() // the tracker sends on page hide: no flush
  await expect.poll(async () => (await abandons(inbox)).length).toBe(1)
  const [abandon] = await abandons(inbox)
  expect(abandon!.props).toEqual({
    formId: 'checkout',
    fields: ['email', 'password'],
    lastField: 'card',
    dwellMs: expect.any(Number),
  })
  expect(abandon!.props.dwellMs).toBeGreaterThan(0)
  expect(abandon!.page.path).toBe(location.pathname)
  expect(await inbox.received()).not.toContain('SENTINEL')
})

it('sends a form the app removes after a route change, for the page it was on', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = start(inbox)
  history.replaceState(null, '', '/checkout/payment?token=SENTINEL-token')
  document.body.innerHTML = CHECKOUT
  await userEvent.type(document.querySelector('#card')!, 'SENTINEL-4242')
  history.pushState(null, '', '/products/1') // the visitor goes back to the product
  document.body.innerHTML = '<h1>Product</h1>' // and the router renders it
  await expect
    .poll(async () => {
      await tracker.flush()
      return (await abandons(inbox)).length
    })
    .toBe(1)
  const [abandon] = await abandons(inbox)
  expect(abandon).toMatchObject({
    stage: 'purchase', // checkout friction, by the default stage rules
    page: { path: '/checkout/payment', url: `${location.origin}/checkout/payment` },
    props: { formId: 'checkout', fields: ['card'], lastField: 'card' },
  })
  expect(location.pathname).toBe('/products/1')
  expect(await inbox.received()).not.toContain('SENTINEL')
})

it('sends nothing for a submitted form, an ignored form or one only focused', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = start(inbox)
  document.body.innerHTML = `${CHECKOUT}
    <form id="search" data-tt-ignore><input name="q"></form>
    <form id="newsletter"><input name="email" id="news"></form>
    <form id="contact"><input name="message" id="message"></form>`
  const checkout = document.querySelector<HTMLFormElement>('#checkout')!
  checkout.addEventListener('submit', (event) => event.preventDefault()) // as an SPA does
  await userEvent.type(document.querySelector('#card')!, 'SENTINEL-4242')
  await userEvent.click(document.querySelector('button')!) // submitted
  await userEvent.type(document.querySelector('[name=q]')!, 'SENTINEL-query')
  await userEvent.click(document.querySelector('#news')!)
  await userEvent.type(document.querySelector('#message')!, 'SENTINEL-hello') // the one left
  pageHide()
  await tracker.flush()
  await expect.poll(async () => (await abandons(inbox)).length).toBe(1)
  expect((await abandons(inbox)).map(({ props }) => props.formId)).toEqual(['contact'])
  expect(await inbox.received()).not.toContain('SENTINEL')
})
