import { startCollector } from './collector/server.mjs'
import { startSite } from './shared/site.mjs'
import { launchChromium } from './shared/chromium.mjs'
const sdkDir = '/tmp/sdk/dist'
const collector = await startCollector({ dbPath: '/tmp/ddb/dev.duckdb', staticDirs: { '/journey/': 'examples/journey', '/sdk/': sdkDir } })
const shop = await startSite({ name: 'shop', root: 'examples/storefront', spa: true, collectorUrl: collector.url, sdkDir })
const blog = await startSite({ name: 'blog', root: 'examples/blog', collectorUrl: collector.url, replacements: { SHOP_URL: shop.url }, sdkDir })
const b = await launchChromium()
const p = await b.newPage({ viewport: { width: 1440, height: 900 } })
p.on('console', m => { if (m.type() === 'error') console.log('console', m.text()) }); p.on('pageerror', e => console.log('pageerror', e))
const which = process.argv[2] ?? 'viewer'
if (which === 'viewer') {
  await p.goto(collector.url + '/journey/'); await p.waitForSelector('body[data-loaded]')
  if (process.argv[3]) { await p.click(`#visitor-list li:nth-child(${process.argv[3]})`); await p.waitForTimeout(300) }
} else if (which === 'shop') { await p.goto(shop.url + (process.argv[3] ?? '/')); await p.waitForTimeout(500) }
else if (which === 'blog') { await p.goto(blog.url + (process.argv[3] ?? '/')); await p.waitForTimeout(800) }
await p.screenshot({ path: `/tmp/ddb/${which}.png` })
await b.close(); await shop.close(); await blog.close(); await collector.close()
