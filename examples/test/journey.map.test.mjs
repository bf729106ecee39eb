// The journey page in real Chromium. Against a real collector with seeded touchpoints: a customer
// on two devices and sites, answers on the touchpoints they rate, the emotion curve, friction, and
// the two panels (rows when the collector has their APIs, "not available" when it has not).
// Against a stub API with fixed answers: the weak-links rows and the touchpoint-value switches.
import { createServer } from 'node:http'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCollector } from '../collector/server.mjs'
import { launchChromium } from '../shared/chromium.mjs'
import { listen, closeServer } from '../shared/listen.mjs'
import { createStaticHandler } from '../shared/static.mjs'
import { batchBody, tempDb } from './helpers.mjs'
import { seed } from './journeySeed.mjs'

let browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

const openMap = async (url) => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(url)
  await page.waitForSelector('body[data-loaded="true"]')
  return { page, errors }
}

describe('against a real collector', () => {
  let db
  let collector
  beforeAll(async () => {
    db = tempDb()
    collector = await startCollector({ dbPath: db.path })
    const answer = await fetch(`${collector.url}/t`, { method: 'POST', body: batchBody(seed()) })
    expect(await answer.json()).toMatchObject({ accepted: seed().length, rejected: 0 })
  })
  afterAll(async () => {
    await collector?.close()
    db?.remove()
  })
  const status = async (path) => (await fetch(`${collector.url}${path}`)).status

  it('lists the customer with two devices and two sites beside the anonymous visitor', async () => {
    const { page, errors } = await openMap(`${collector.url}/journey/`)
    const ada = page.locator('#visitor-list li[data-customer="ada"]')
    await expect.poll(() => ada.locator('.reach').textContent()).toBe('2 devices · 2 sites')
    expect(await page.locator('#visitor-list li[data-visitor="bob"] .reach').textContent()).toBe(
      'anonymous',
    )
    // The most recent row opens first: the customer, joined across both devices.
    expect(await ada.getAttribute('aria-selected')).toBe('true')
    const sessions = page.locator('#timeline g.session')
    expect(await sessions.evaluateAll((gs) => gs.map((g) => g.dataset.device))).toEqual([
      'device A',
      'device B',
      'device A',
    ])
    expect(await sessions.evaluateAll((gs) => gs.map((g) => g.dataset.sites))).toEqual([
      'blog.example',
      'shop.example',
      'blog.example',
    ])
    expect(errors).toEqual([])
    await page.close()
  })

  it('puts the answers on the touchpoints they rate, draws the curve and marks friction', async () => {
    const { page } = await openMap(`${collector.url}/journey/#u:ada`)
    const timeline = page.locator('#timeline')
    expect(await timeline.locator('g.tp[data-id="tp-csat"]').count()).toBe(0)
    expect(await timeline.locator('g.tp[data-id="tp-chat"] g.answer').textContent()).toContain(
      'CSAT 2/5',
    )
    expect(
      await timeline
        .locator('.emotion-point')
        .evaluateAll((ps) => ps.map((p) => [p.dataset.id, p.dataset.value])),
    ).toEqual([
      ['tp-post', '1.00'],
      ['tp-chat', '-0.50'],
      ['tp-purchase', '0.80'],
    ])
    expect(
      await timeline.locator('g.tp.friction').evaluateAll((gs) => gs.map((g) => g.dataset.id)),
    ).toEqual(['tp-abandon', 'tp-rage'])
    expect(await page.locator('#details tbody tr').count()).toBe(11)
    await page.close()
  })

  it('shows the weak-links and touchpoint-value panels, or says their APIs are missing', async () => {
    const { page } = await openMap(`${collector.url}/journey/#a:bob`)
    expect(await page.locator('#journey-head h2').textContent()).toBe('bob')
    const weak = page.locator('#weak-table')
    if (
      (await status('/api/weak-links')) === 404 &&
      (await status('/api/satisfaction?by=type')) === 404
    ) {
      expect(await weak.locator('.unavailable').textContent()).toMatch(/Not available/)
    } else {
      // The checkout page: three abandons and a rage click, nobody answered.
      expect(await weak.locator('tbody tr').count()).toBeGreaterThan(0)
    }
    const value = page.locator('#value-table')
    if ((await status('/api/attribution?model=last&by=channel')) === 404) {
      expect(await value.locator('.unavailable').textContent()).toMatch(/Not available/)
    } else {
      // One purchase: every model's column shares it out in full.
      const shares = await value
        .locator('td[data-model="last"]')
        .evaluateAll((tds) => tds.reduce((sum, td) => sum + Number(td.dataset.share), 0))
      expect(shares).toBeCloseTo(1)
    }
    expect(
      await page.locator('#value [role="radiogroup"][aria-label="model"] button').count(),
    ).toBe(6)
    await page.close()
  })
})

describe('against a stub API', () => {
  const here = dirname(fileURLToPath(import.meta.url))
  const asked = []
  let server
  let url
  const credit = (model, by, shares) => ({
    model,
    by,
    currency: 'EUR',
    conversions: 10,
    value: 1_000,
    rows: Object.entries(shares).map(([key, share]) => ({
      key,
      share,
      conversions: 10 * share,
      value: 1_000 * share,
    })),
  })
  const channelShares = {
    first: { social: 0.6, email: 0.3, organic_search: 0.1 },
    last: { social: 0.1, email: 0.3, organic_search: 0.6 },
  }
  const api = (path, query) => {
    if (path === '/api/journeys') return { visitors: [] }
    if (path === '/api/funnel') return { visitors: 0, stages: [] }
    if (path === '/api/channels') return { rows: [] }
    if (path === '/api/weak-links')
      return {
        rows: [
          {
            kind: 'page',
            key: '/checkout',
            score: 1.4,
            csat: null,
            nps: -30,
            thumbs: null,
            abandons: 12,
            rageClicks: 5,
            touchpoints: 40,
          },
          {
            kind: 'type',
            key: 'chat_open',
            score: 0.8,
            csat: 2.1,
            nps: null,
            thumbs: null,
            abandons: 0,
            rageClicks: 0,
            touchpoints: 25,
          },
        ],
      }
    if (path === '/api/attribution') {
      const model = query.get('model')
      const by = query.get('by')
      const shares =
        by === 'type'
          ? { page_view: 0.7, chat_open: 0.3 }
          : (channelShares[model] ?? { social: 0.3, email: 0.4, organic_search: 0.3 })
      return credit(model, by, shares)
    }
    return undefined
  }
  beforeAll(async () => {
    const serveStatic = createStaticHandler({
      mounts: { '/journey/': join(here, '..', 'journey') },
    })
    server = createServer(async (req, res) => {
      const { pathname, searchParams } = new URL(req.url, 'http://x')
      if (pathname.startsWith('/api/')) {
        asked.push(`${pathname}${searchParams.size ? `?${searchParams}` : ''}`)
        const body = api(pathname, searchParams)
        res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(body ?? { error: 'no such API' }))
      } else if (!(await serveStatic(req, res))) {
        res.writeHead(404).end()
      }
    })
    url = await listen(server, { port: 0, host: '127.0.0.1', name: 'stub' })
  })
  afterAll(async () => {
    if (server) await closeServer(server)
  })

  it('ranks the weak links and switches the touchpoint value between models and by', async () => {
    const { page, errors } = await openMap(`${url}/journey/`)
    const weakRows = page.locator('#weak-table tbody tr')
    expect(await weakRows.evaluateAll((trs) => trs.map((tr) => tr.dataset.key))).toEqual([
      '/checkout',
      'chat_open',
    ])
    const value = page.locator('#value-table')
    const order = () =>
      value.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.key))
    // Last touch credits search, first touch social: the swing column says so.
    expect(await order()).toEqual(['organic_search', 'email', 'social'])
    expect(await value.locator('tr[data-key="social"] td.swing').textContent()).toBe('−50 pt')
    await value.locator('[aria-label="model"] [data-value="first"]').click()
    expect(await order()).toEqual(['social', 'email', 'organic_search'])
    expect(await value.locator('td.chosen').first().getAttribute('data-model')).toBe('first')
    await value.locator('[aria-label="credit by"] [data-value="type"]').click()
    await expect.poll(order).toEqual(['page_view', 'chat_open'])
    expect(asked).toContain('/api/attribution?model=markov&by=type')
    expect(errors).toEqual([])
    await page.close()
  })
})
