// Created on first use: a top-level call would keep this module in bundles that never send.
let chain: Promise<unknown> | undefined

/**
 * Runs `job` while holding lock `name` across every tab of the site (Web Locks), so only one
 * tab sends at a time. With `wait` false it gives up at once when another holder has it.
 * Without Web Locks (old browsers) it only serialises this tab's jobs.
 */
export const withTabLock = <T>(
  name: string,
  wait: boolean,
  job: () => Promise<T>,
): Promise<T | undefined> => {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  if (locks) {
    return locks.request(name, { ifAvailable: !wait }, (lock) =>
      lock ? job() : undefined,
    ) as Promise<T | undefined>
  }
  const run = (chain ?? Promise.resolve()).then(job, job)
  chain = run.catch(() => undefined)
  return run
}
