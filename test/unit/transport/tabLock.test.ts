// withTabLock where there is no Web Locks API (Node 20 has no navigator; happy-dom has no
// navigator.locks): it only serialises this tab's jobs. The Web Locks path is proven in real
// Chromium by test/browser/tabLock.test.ts.
import { expect, it } from 'vitest'
import { withTabLock } from '../../../src/transport/tabLock'

/** A promise and the functions that settle it, so a test decides when a job ends. */
const deferred = <T = void>() => {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

it('has no Web Locks here, so this is the fallback path', () => {
  expect((globalThis as { navigator?: Navigator }).navigator?.locks).toBeUndefined()
})

it("runs this tab's jobs one at a time, in the order they were asked for", async () => {
  const log: string[] = []
  const first = deferred()
  const a = withTabLock('t', true, async () => {
    log.push('a starts')
    await first.promise
    log.push('a ends')
    return 'a'
  })
  const b = withTabLock('t', false, async () => {
    log.push('b starts')
    return 'b'
  })
  await expect.poll(() => log).toEqual(['a starts'])
  first.resolve()
  // Without Web Locks nobody else can hold the lock: `wait` false still runs the job.
  expect(await Promise.all([a, b])).toEqual(['a', 'b'])
  expect(log).toEqual(['a starts', 'a ends', 'b starts'])
})

it('gives a failing job its rejection and still runs the next one', async () => {
  const failing = deferred()
  const a = withTabLock('t', true, () => failing.promise)
  const b = withTabLock('t', true, async () => 'b')
  failing.reject(new Error('send failed'))
  await expect(a).rejects.toThrow('send failed')
  expect(await b).toBe('b')
})
