// Coalesces the inserts of concurrent requests: while a transaction commits, the next requests
// wait together and go in as one transaction. Each request still learns its own counts, and only
// after the rows it sent are committed. `store.concurrency` transactions may run at once (DuckDB
// has one writer; PostgreSQL takes several).

const MAX_ROWS_PER_TRANSACTION = 20_000

/**
 * @param {{ insert(rows: object[]): Promise<Set<string>>, concurrency?: number }} store
 * @returns {{ write(rows: object[]): Promise<{ accepted: number, duplicates: number }>,
 *   drain(): Promise<void> }}
 */
export const createWriter = (store) => {
  const concurrency = store.concurrency ?? 1
  let waiting = []
  let active = 0
  let idle = []

  const run = async () => {
    while (waiting.length > 0) {
      const jobs = takeJobs()
      try {
        const rows = []
        const ownerOf = new Map()
        // An id sent by two requests in the same round belongs to the first; the second's copy
        // is a duplicate, exactly as if it had arrived a transaction later.
        for (const job of jobs) {
          for (const row of job.rows) {
            if (ownerOf.has(row.id)) continue
            ownerOf.set(row.id, job)
            rows.push(row)
          }
        }
        const inserted = await store.insert(rows)
        for (const job of jobs) {
          const accepted = job.rows.filter(
            (row) => inserted.has(row.id) && ownerOf.get(row.id) === job,
          ).length
          job.resolve({ accepted, duplicates: job.rows.length - accepted })
        }
      } catch (error) {
        for (const job of jobs) job.reject(error)
      }
    }
  }

  const start = () => {
    active += 1
    // A macrotask later, so requests parsed in the same tick share the first transaction.
    setImmediate(() =>
      run().finally(() => {
        active -= 1
        if (active === 0) for (const done of idle.splice(0)) done()
      }),
    )
  }

  const takeJobs = () => {
    let count = 0
    let taken = 0
    while (
      taken < waiting.length &&
      (taken === 0 || count + waiting[taken].rows.length <= MAX_ROWS_PER_TRANSACTION)
    ) {
      count += waiting[taken].rows.length
      taken += 1
    }
    const jobs = waiting.slice(0, taken)
    waiting = waiting.slice(taken)
    return jobs
  }

  return {
    write: (rows) =>
      new Promise((resolve, reject) => {
        if (rows.length === 0) {
          resolve({ accepted: 0, duplicates: 0 })
          return
        }
        waiting.push({ rows, resolve, reject })
        if (active < concurrency) start()
      }),
    drain: () => (active === 0 ? Promise.resolve() : new Promise((done) => idle.push(done))),
  }
}
