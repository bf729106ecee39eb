// The demo as a new user runs it, each command a process of its own: `npm run demo`, then
// `npm run simulate` against it. A second demo on the same DuckDB file says what to do, and the
// empty journey page links the storefront and the blog.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchChromium } from '../shared/chromium.mjs'
import { tempDb } from './helpers.mjs'
import { freePort } from '../../scripts/freePort.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Starts `node <script> ...args`; output() is what it printed so far, exited its exit code. */
const start = (script, args) => {
  const child = spawn(process.execPath, [join(repo, script), ...args], { cwd: repo })
  let output = ''
  const listeners = new Set()
  const onData = (chunk) => {
    output += chunk
    for (const listener of listeners) listener()
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)))
  const waitFor = (text) =>
    new Promise((resolve, reject) => {
      const check = () => output.includes(text) && (listeners.delete(check), resolve())
      listeners.add(check)
      check()
      exited.then((code) =>
        reject(new Error(`${script} exited (${code}) before "${text}":\n${output}`)),
      )
    })
  return { child, exited, waitFor, output: () => output }
}

let db
let ports
let demo
let browser

const portFlags = (p) => [
  '--collector-port',
  String(p.collector),
  '--shop-port',
  String(p.shop),
  '--blog-port',
  String(p.blog),
]
const collectorUrl = () => `http://127.0.0.1:${ports.collector}`
const getJson = async (path) => (await fetch(`${collectorUrl()}${path}`)).json()

beforeAll(async () => {
  db = tempDb()
  ports = { collector: await freePort(), shop: await freePort(), blog: await freePort() }
  demo = start('examples/demo.mjs', [...portFlags(ports), '--db', db.path, '--quiet'])
  await demo.waitFor('Ctrl-C to stop')
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  if (demo && demo.child.exitCode === null) {
    demo.child.kill('SIGINT') // the demo closes its servers and the DuckDB file, then exits
    await demo.exited
  }
  db?.remove()
})

it('links the storefront and the blog from the empty journey page', async () => {
  const page = await browser.newPage()
  await page.goto(`${collectorUrl()}/journey/`)
  await page.waitForSelector('body[data-loaded]')
  const links = await page
    .locator('#journey-head .empty a')
    .evaluateAll((nodes) => nodes.map((node) => [node.textContent, node.getAttribute('href')]))
  expect(links).toEqual([
    ['storefront', `http://127.0.0.1:${ports.shop}/`],
    ['blog', `http://localhost:${ports.blog}/`],
  ])
  expect(await page.locator('#journey-head .empty code').textContent()).toBe('npm run simulate')
  await page.close()
})

it('tells a second demo on the same DuckDB file what to do, and leaves the first running', async () => {
  const others = { collector: await freePort(), shop: await freePort(), blog: await freePort() }
  const second = start('examples/demo.mjs', [...portFlags(others), '--db', db.path, '--quiet'])
  expect(await second.exited).toBe(1)
  expect(second.output()).toContain('is already open in another process')
  expect(second.output()).toContain(`(PID ${demo.child.pid})`)
  expect(second.output()).toContain('npm run simulate')
  expect(demo.child.exitCode).toBeNull()
  expect((await getJson('/api/funnel')).visitors).toBe(0)
})

it('sends visitors through the running demo with npm run simulate', async () => {
  const simulate = start('examples/simulate/run.mjs', ['2', ...portFlags(ports)])
  expect(await simulate.exited, simulate.output()).toBe(0)
  // The first two parts of the cast: a buyer and a browser, both on the storefront.
  const funnel = await getJson('/api/funnel')
  expect(funnel.visitors).toBe(2)
  expect(funnel.stages.find((s) => s.stage === 'purchase').visitors).toBe(1)
  const { visitors } = await getJson('/api/journeys')
  expect(visitors.map((v) => v.touchpoints).every((n) => n >= 2)).toBe(true)
  expect(simulate.output()).toContain('from 2 visitors')
})

it('shows simulated answers and friction in /api/satisfaction and on the journey map', async () => {
  // Eight of the cast: buyers answer the order's CSAT and NPS, blog readers the thumbs.
  const simulate = start('examples/simulate/run.mjs', ['8', ...portFlags(ports)])
  expect(await simulate.exited, simulate.output()).toBe(0)
  const { rows } = await getJson('/api/satisfaction?by=type')
  const answered = rows.filter((row) => row.answers > 0)
  expect(answered.map((row) => row.key)).toContain('purchase')
  for (const row of answered) {
    expect([row.csat, row.nps, row.ces, row.thumbs].some((v) => typeof v === 'number')).toBe(true)
  }
  const weak = await getJson('/api/weak-links')
  expect(weak.rows.length).toBeGreaterThan(0)
  const page = await browser.newPage()
  await page.goto(`${collectorUrl()}/journey/`)
  await expect.poll(() => page.locator('#weak-table tbody tr').count()).toBeGreaterThan(0)
  expect(await page.locator('#weak-table').textContent()).toContain(weak.rows[0].key)
  await page.close()
})

it('says when no demo is running instead of simulating', async () => {
  const nobody = { collector: await freePort(), shop: await freePort(), blog: await freePort() }
  const simulate = start('examples/simulate/run.mjs', ['1', ...portFlags(nobody)])
  expect(await simulate.exited).toBe(1)
  expect(simulate.output()).toContain('No running demo answers')
  expect(simulate.output()).toContain('npm run demo')
})
