// withTabLock with Chromium's real Web Locks: another holder of the lock (another tab, as the
// LockManager sees it) makes a timer run give up and a flush wait its turn.
import { expect, it } from 'vitest'
import { withTabLock } from '../../src/transport/tabLock'

/** Holds lock `name` from outside withTabLock until `release()`, as a sending tab would. */
const holdLock = async (name: string) => {
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  let acquired!: () => void
  const ready = new Promise<void>((resolve) => (acquired = resolve))
  const done = navigator.locks.request(name, () => (acquired(), held))
  await ready
  return { release: () => (release(), done) }
}

it('runs the job while holding the lock, and returns what it returned', async () => {
  const name = crypto.randomUUID()
  const result = await withTabLock(name, false, async () => {
    const { held } = await navigator.locks.query()
    return held?.some((lock) => lock.name === name)
  })
  expect(result).toBe(true)
})

it('gives up at once without waiting when another holder has the lock', async () => {
  const name = crypto.randomUUID()
  const other = await holdLock(name)
  let ran = false
  expect(await withTabLock(name, false, async () => (ran = true))).toBeUndefined()
  expect(ran).toBe(false)
  await other.release()
})

it('waits for another holder to release the lock when asked to wait', async () => {
  const name = crypto.randomUUID()
  const other = await holdLock(name)
  let ran = false
  const job = withTabLock(name, true, async () => (ran = true))
  // It is queued behind the other holder, not running.
  await expect
    .poll(async () => (await navigator.locks.query()).pending?.some((l) => l.name === name))
    .toBe(true)
  expect(ran).toBe(false)
  await other.release()
  expect(await job).toBe(true)
})
