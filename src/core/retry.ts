/** What to do with a batch after the collector answered `status` (0: no answer). */
export type Outcome = 'ok' | 'retry' | 'split' | 'drop'

/** 2xx acks; 408, 425, 429, 5xx and network errors retry; 413 splits; other 4xx drop. */
export const outcomeOf = (status: number): Outcome => {
  if (status >= 200 && status < 300) return 'ok'
  if (status === 413) return 'split'
  if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500) {
    return 'retry'
  }
  return 'drop'
}
