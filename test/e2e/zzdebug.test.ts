import { expect, it } from 'vitest'
import { startCollector } from '/work/main/test/collector'
import { createInbox } from '/work/main/test/inbox'
import { launch, openPage, pageUrl, sdkLoaded } from '/work/main/test/e2e/launch'
declare const touchtrail: any
it('debug', async () => {
  const collector = await startCollector()
  const browser = await launch()
  const context = await browser.newContext()
  const inbox = createInbox(collector.url)
  await inbox.script([], { status: 503 })
  const { page, consoleErrors, pageErrors } = await openPage(context)
  page.on('console', (m) => console.log('console', m.type(), m.text()))
  const url = pageUrl(collector.url, 'basic.html', { collector: inbox.url })
  await page.goto(url)
  const count = async () => page.evaluate(async () => {
    const dbs = await indexedDB.databases()
    const out: string[] = []
    for (const d of dbs) {
      const db: IDBDatabase = await new Promise((r) => { const o = indexedDB.open(d.name!); o.onsuccess = () => r(o.result) })
      for (const s of Array.from(db.objectStoreNames)) {
        const n = await new Promise((r) => { const q = db.transaction(s).objectStore(s).count(); q.onsuccess = () => r(q.result) })
        out.push(`${d.name}/${s}=${n}`)
      }
      db.close()
    }
    return out.join(' ')
  })
  for (const n of [67, 67, 66]) {
    await sdkLoaded(page)
    console.log('before track', await count())
    await page.evaluate((k) => { for (let i = 0; i < k; i++) touchtrail.track('chat_open', { provider: 'reloads', trigger: 'api' }) }, n)
    await page.reload()
  }
  await sdkLoaded(page)
  console.log('after 3', await count())
  console.log((await inbox.log()).map((e) => [e.status, e.ids.length, e.headers['user-agent'] ? '' : '']))
  await context.close(); await browser.close(); await collector.close()
}, 120000)
