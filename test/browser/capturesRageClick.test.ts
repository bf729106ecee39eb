// rage_click through a real tracker to the test collector, with real (trusted) pointer clicks.
import { afterEach, expect, inject, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { captureRageClicks } from 'touchtrail'
import type { Tracker } from 'touchtrail'
import { startGranted } from '../support/grantedTracker'
import { createInbox, type Inbox } from '../support/inbox'

const start = (inbox: Inbox) => startGranted(inbox, { capture: [captureRageClicks()] })
afterEach(() => {
  document.body.innerHTML = ''
})
const typesSent = async (tracker: Tracker, inbox: Inbox) => {
  await tracker.flush()
  return (await inbox.touchpoints()).map(({ type, props }) => [type, props])
}

const PAY = `<main class="checkout page"><form id="pay"><div class="actions">
  <button type="button" class="primary slow" id="pay-now" value="SENTINEL-value"><span>SENTINEL-text</span></button>
</div></form></main><h1>Checkout</h1>`

it('needs the burst: two clicks send nothing, three send one rage_click', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = start(inbox)
  document.body.innerHTML = PAY
  const pay = document.querySelector('#pay-now span')!
  await userEvent.dblClick(pay) // two clicks
  await userEvent.click(document.querySelector('h1')!) // elsewhere: that burst is over
  expect(await typesSent(tracker, inbox)).toEqual([])
  await userEvent.tripleClick(pay) // three clicks within a second
  await expect
    .poll(async () => (await typesSent(tracker, inbox)).filter(([type]) => type === 'rage_click'))
    .toEqual([
      ['rage_click', { target: 'form#pay > div.actions > button#pay-now.primary', clicks: 3 }],
    ])
  expect(await inbox.received()).not.toContain('SENTINEL')
})

it('counts a burst on a label once, though the label clicks its input too', async () => {
  const inbox = createInbox(inject('collectorUrl'))
  const tracker = start(inbox)
  document.body.innerHTML =
    '<label class="terms"><input type="checkbox" name="agree"> I agree to the terms</label>'
  // On the label's text, not its box: the browser then clicks the checkbox as well.
  const label = document.querySelector('label')!
  await userEvent.tripleClick(label, { position: { x: label.offsetWidth - 10, y: 8 } } as never)
  await expect
    .poll(async () => (await typesSent(tracker, inbox)).filter(([type]) => type === 'rage_click'))
    .toEqual([['rage_click', { target: 'label.terms', clicks: 3 }]])
})
