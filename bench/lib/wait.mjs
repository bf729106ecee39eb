// Bounded waiting: every loop in the bench ends, by its condition or by its deadline.

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every `everyMs` until it is truthy or `timeoutMs` passed; says whether it was. */
export const waitFor = async (check, timeoutMs, everyMs = 20) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() >= deadline) return false
    await pause(everyMs)
  }
}

/** A promise that rejects after `ms` with `what` in the message, raced against `promise`. */
export const within = (promise, ms, what) => {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Waits a fixed time: only where the scenario itself is "the visitor stays N ms". */
export const stay = pause
