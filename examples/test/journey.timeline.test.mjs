// @vitest-environment happy-dom
// The journey timeline of a customer: answers on the touchpoints they rate, friction marked, the
// emotion curve, and which device and site each visit came from; and the details table.
import { expect, it } from 'vitest'
import { devicesOf } from '../journey/customers.js'
import { detailsTable } from '../journey/details.js'
import { placeFeedback } from '../journey/feeling.js'
import { drawTimeline, sessionsOf } from '../journey/timeline.js'
import { seed } from './journeySeed.mjs'

const ada = seed().filter((tp) => tp.anonymousId.startsWith('ada'))
const draw = (touchpoints, options) => {
  const { shown, answers } = placeFeedback(touchpoints)
  const picked = []
  const svg = drawTimeline(sessionsOf(shown), 1100, (id) => picked.push(id), {
    answers,
    ...options,
  })
  return { svg, picked }
}

it('draws each answer as a badge on the touchpoint it rates, not as a touchpoint of its own', () => {
  const { svg } = draw(ada)
  const drawn = [...svg.querySelectorAll('g.tp')].map((g) => g.dataset.id)
  expect(drawn).not.toContain('tp-csat')
  expect(drawn).toContain('tp-chat')
  const chat = svg.querySelector('g.tp[data-id="tp-chat"]')
  expect(chat.querySelector('g.answer').dataset).toMatchObject({ scale: 'csat', score: '2' })
  expect(chat.querySelector('g.answer').textContent).toContain('CSAT 2/5')
  expect(svg.querySelector('g.tp[data-id="tp-purchase"] g.answer').textContent).toContain(
    'NPS 9/10',
  )
  expect(svg.querySelector('g.tp[data-id="tp-post"] g.answer').textContent).toContain('thumbs up')
})

it('runs the emotion curve through the rated touchpoints, at their place on the line', () => {
  const { svg } = draw(ada)
  const points = [...svg.querySelectorAll('.emotion-point')]
  expect(points.map((p) => [p.dataset.id, p.dataset.value])).toEqual([
    ['tp-post', '1.00'],
    ['tp-chat', '-0.50'],
    ['tp-purchase', '0.80'],
  ])
  const x = (id) => svg.querySelector(`g.tp[data-id="${id}"]`).getAttribute('transform')
  expect(x('tp-chat')).toContain(`translate(${points[1].getAttribute('cx')},`)
  // Higher feeling, higher on the page.
  expect(Number(points[0].getAttribute('cy'))).toBeLessThan(Number(points[2].getAttribute('cy')))
  expect(Number(points[2].getAttribute('cy'))).toBeLessThan(Number(points[1].getAttribute('cy')))
  expect(svg.querySelector('.emotion-line').getAttribute('points').split(' ')).toHaveLength(3)
})

it('marks the friction touchpoints on the lanes and under the curve', () => {
  const { svg } = draw(ada)
  expect([...svg.querySelectorAll('g.tp.friction')].map((g) => g.dataset.type)).toEqual([
    'form_abandon',
    'rage_click',
  ])
  expect(svg.querySelectorAll('g.tp.friction .friction-ring')).toHaveLength(2)
  expect([...svg.querySelectorAll('.friction-mark')].map((g) => g.dataset.id)).toEqual([
    'tp-abandon',
    'tp-rage',
  ])
})

it('names the device and site of each visit of a customer', () => {
  const { svg } = draw(ada, { devices: devicesOf(ada) })
  expect(
    [...svg.querySelectorAll('g.session')].map((g) => [g.dataset.device, g.dataset.sites]),
  ).toEqual([
    ['device A', 'blog.example'],
    ['device B', 'shop.example'],
    ['device A', 'blog.example'],
  ])
  expect(svg.querySelector('g.session .device').textContent).toBe(
    'device A (390x844) · blog.example',
  )
})

it('leaves device labels out of a single visitor’s journey, and reports the touchpoint picked', () => {
  const { svg, picked } = draw(ada.filter((tp) => tp.anonymousId === 'ada-laptop'))
  expect(svg.querySelector('g.session .device')).toBeNull()
  svg.querySelector('g.tp[data-id="tp-rage"]').dispatchEvent(new Event('click'))
  expect(picked).toEqual(['tp-rage'])
})

it('lists every touchpoint in the details, with device and site for a customer', () => {
  const table = detailsTable(ada, () => {}, { devices: devicesOf(ada) })
  const rows = [...table.querySelectorAll('tbody tr')]
  expect(rows).toHaveLength(ada.length)
  const row = (id) => table.querySelector(`tr[data-id="${id}"]`)
  expect(row('tp-csat').textContent).toContain('CSAT 2/5 · “How was the chat?” · rates chat open')
  expect(row('tp-abandon').className).toBe('friction')
  expect(row('tp-abandon').textContent).toContain('changed email, card · last in card')
  expect(row('tp-rage').textContent).toContain('5 clicks on main > form#pay > button.primary')
  expect(row('tp-purchase').textContent).toContain('order o-1 · 120 EUR')
  expect(row('tp-back').textContent).toContain('device A · blog.example')
  expect(row('tp-shop').textContent).toContain('device B · shop.example')
})
