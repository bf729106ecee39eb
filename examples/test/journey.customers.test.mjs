// @vitest-environment happy-dom
// The journey map's customers: visitors sharing a userId listed as one customer with their
// devices and sites, anonymous visitors beside them, and each device named in a joined journey.
import { describe, expect, it } from 'vitest'
import { devicesOf, groupVisitors, joinJourneys, rowsFromCustomers } from '../journey/customers.js'
import { renderVisitors } from '../journey/visitors.js'
import { seed } from './journeySeed.mjs'

// /api/journeys' visitors, most recent first.
const visitors = [
  {
    anonymousId: 'ada-phone',
    userId: 'ada',
    site: 'blog.example',
    touchpoints: 3,
    sessions: 2,
    firstChannel: 'social',
    channels: ['direct', 'social'],
    stages: ['awareness', 'retention'],
    firstSeen: '2026-11-23T09:00:00.000Z',
    lastSeen: '2026-11-24T09:00:00.000Z',
  },
  {
    anonymousId: 'bob',
    userId: null,
    site: 'shop.example',
    touchpoints: 2,
    sessions: 1,
    firstChannel: 'paid_search',
    channels: ['paid_search'],
    stages: ['awareness', 'purchase'],
    firstSeen: '2026-11-23T09:30:00.000Z',
    lastSeen: '2026-11-23T09:31:00.000Z',
  },
  {
    anonymousId: 'ada-laptop',
    userId: 'ada',
    site: 'shop.example',
    touchpoints: 8,
    sessions: 1,
    firstChannel: 'email',
    channels: ['email'],
    stages: ['consideration', 'purchase', 'retention'],
    firstSeen: '2026-11-23T10:00:00.000Z',
    lastSeen: '2026-11-23T10:09:00.000Z',
  },
]

const bob = visitors.find((visitor) => visitor.anonymousId === 'bob')

describe('groupVisitors', () => {
  it('joins the anonymousIds of one userId into a customer and keeps the others anonymous', () => {
    const rows = groupVisitors(visitors)
    expect(rows.map((row) => row.key)).toEqual(['u:ada', 'a:bob'])
    expect(rows[0]).toMatchObject({
      kind: 'customer',
      anonymousIds: ['ada-phone', 'ada-laptop'],
      devices: 2,
      sites: ['blog.example', 'shop.example'],
      touchpoints: 11,
      sessions: 3,
      firstChannel: 'social',
      stages: ['awareness', 'consideration', 'purchase', 'retention'],
      lastSeen: '2026-11-24T09:00:00.000Z',
    })
    expect(rows[1]).toMatchObject({ kind: 'visitor', anonymousId: 'bob', devices: 1 })
  })
})

describe('rowsFromCustomers', () => {
  it('reads /api/customers with customers and anonymous visitors', () => {
    const rows = rowsFromCustomers({
      customers: [
        {
          userId: 'ada',
          anonymousIds: ['ada-phone', 'ada-laptop'],
          sites: ['blog.example', 'shop.example'],
          touchpoints: 11,
          sessions: 3,
          firstChannel: 'social',
          stages: ['purchase', 'awareness'],
          lastSeen: '2026-11-24T09:00:00.000Z',
        },
      ],
      // bob of /api/journeys above, here with no stages
      visitors: [{ ...bob, stages: [] }],
    })
    expect(rows).toMatchObject([
      {
        key: 'u:ada',
        kind: 'customer',
        devices: 2,
        sites: ['blog.example', 'shop.example'],
        stages: ['awareness', 'purchase'],
      },
      { key: 'a:bob', kind: 'visitor', anonymousId: 'bob', site: 'shop.example' },
    ])
  })
})

describe('devicesOf and joinJourneys', () => {
  it('orders two devices’ touchpoints by time and names the devices by first appearance', () => {
    const all = seed().filter((tp) => tp.anonymousId.startsWith('ada'))
    const joined = joinJourneys([
      all.filter((tp) => tp.anonymousId === 'ada-laptop'),
      all.filter((tp) => tp.anonymousId === 'ada-phone'),
    ])
    expect(joined.map((tp) => tp.id)).toEqual(all.map((tp) => tp.id))
    const devices = devicesOf(joined)
    expect([...devices].map(([id, d]) => [id, d.name, d.screen])).toEqual([
      ['ada-phone', 'device A', '390x844'],
      ['ada-laptop', 'device B', '1440x900'],
    ])
    expect(devices.get('ada-phone').color).not.toBe(devices.get('ada-laptop').color)
  })
})

describe('renderVisitors', () => {
  it('shows a customer with devices and sites, an anonymous visitor, and reports a pick', () => {
    const list = document.createElement('ul')
    const picked = []
    renderVisitors(list, groupVisitors(visitors), 'u:ada', (key) => picked.push(key))
    const [ada, bob] = list.querySelectorAll('li')
    expect(ada.dataset.customer).toBe('ada')
    expect(ada.getAttribute('aria-selected')).toBe('true')
    expect(ada.querySelector('.reach').textContent).toBe('2 devices · 2 sites')
    expect(bob.dataset.visitor).toBe('bob')
    expect(bob.querySelector('.reach').textContent).toBe('anonymous')
    expect(bob.getAttribute('aria-selected')).toBe('false')
    bob.click()
    expect(picked).toEqual(['a:bob'])
  })

  it('says so when there is nobody yet', () => {
    const list = document.createElement('ul')
    renderVisitors(list, [], undefined, () => {})
    expect(list.textContent).toBe('No visitors yet.')
  })
})
