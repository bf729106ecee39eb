import { chromium } from 'playwright'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage()
const f = () => { const s = performance.now(); let x = 0; for (let i = 0; i < 1e7; i++) x = (x + i * 7) % 1000003; const r = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/; let m = 0; const s2 = performance.now(); for (let i = 0; i < 1e5; i++) m += r.test('custom' + i) ? 1 : 0; return [performance.now() - s, performance.now() - s2, x, m] }
console.log('chromium', await page.evaluate(f))
console.log('node', f())
console.log(await page.evaluate(() => navigator.userAgent))
await browser.close()
