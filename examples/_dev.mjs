import { startCollector } from './collector/server.mjs'
import { startSite } from './shared/site.mjs'
import { simulateVisitors } from './simulate/simulate.mjs'
import { join } from 'node:path'
const sdkDir = '/tmp/sdk/dist'
const collector = await startCollector({ dbPath: '/tmp/ddb/dev.duckdb', staticDirs: { '/journey/': 'examples/journey', '/sdk/': sdkDir }, log: (l) => console.log('  C', l.slice(0, 160)) })
const shop = await startSite({ name: 'shop', root: 'examples/storefront', spa: true, collectorUrl: collector.url, sdkDir })
const blog = await startSite({ name: 'blog', root: 'examples/blog', collectorUrl: collector.url, replacements: { SHOP_URL: shop.url }, sdkDir })
console.log(collector.url, shop.url, blog.url)
const n = Number(process.argv[2] ?? 4)
const t0 = Date.now()
console.log(await simulateVisitors({ count: n, shopUrl: shop.url, blogUrl: blog.url, log: console.log }), (Date.now() - t0) / 1000, 's')
if (process.argv[3] === 'serve') await new Promise(() => {})
await shop.close(); await blog.close(); await collector.close()
