// The journey page against a collector that wants a read token: it loads, asks once, sends the
// token with its API calls, and remembers it for the tab.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startCollector } from '../collector/server.mjs'
import { launchChromium } from '../shared/chromium.mjs'
import { batchBody, tempDb, touchpoint } from './helpers.mjs'

const TOKEN = 'journey-read-token'
let db
let collector
let browser
beforeAll(async () => {
  db = tempDb()
  collector = await startCollector({ dbPath: db.path, readToken: TOKEN })
  await fetch(`${collector.url}/t`, {
    method: 'POST',
    body: batchBody([touchpoint({ anonymousId: 'ann' }), touchpoint({ anonymousId: 'bob' })]),
  })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await collector?.close()
  db?.remove()
})

it('asks for the token once, then shows the visitors and keeps the token for the tab', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const questions = []
  page.on('dialog', (dialog) => {
    questions.push(dialog.message())
    dialog.accept(TOKEN)
  })
  const authorizations = []
  page.on('request', (request) => {
    if (request.url().includes('/api/')) authorizations.push(request.headers().authorization)
  })
  await page.goto(`${collector.url}/journey/`)
  await page.waitForSelector('body[data-loaded="true"]')
  expect(questions).toHaveLength(1)
  expect(questions[0]).toMatch(/read token/)
  await expect.poll(() => page.locator('#visitor-list').textContent()).toMatch(/ann/)
  expect(authorizations).toContain(`Bearer ${TOKEN}`)

  await page.reload()
  await page.waitForSelector('body[data-loaded="true"]')
  expect(questions).toHaveLength(1)
  expect(await page.evaluate(() => sessionStorage.getItem('touchtrail-read-token'))).toBe(TOKEN)
  await context.close()
})
