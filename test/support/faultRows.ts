// The row each fault scenario leaves in test/artifacts/faults.json, pass or fail, for
// `node scripts/faultTable.mjs`: what it tracked, what the collector stored, what it noticed.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { onTestFinished } from 'vitest'
import type { Inbox } from './inbox'

const ARTIFACT = fileURLToPath(new URL('../artifacts/faults.json', import.meta.url))

/** What a scenario tracked and was owed; counted against the collector when the test ends. */
export interface Tally {
  inbox?: Inbox
  sent: Array<string | undefined>
  /** What the SPEC promises to deliver; all of `sent` unless set. */
  owed?: Array<string | undefined>
  note: string[]
}

/** Sent, owed, delivered (unique), duplicates and lost, as the collector stored them. */
export const countOf = async (
  inbox: Inbox,
  sent: Array<string | undefined>,
  owed: Array<string | undefined> = sent,
) => {
  const mine = new Set(sent)
  const accepted = (await inbox.touchpoints()).map(({ id }) => id).filter((id) => mine.has(id))
  const unique = new Set<string | undefined>(accepted)
  return {
    sent: sent.length,
    expected: owed.length,
    delivered: unique.size,
    duplicates: accepted.length - unique.size,
    lost: owed.filter((id) => !unique.has(id)).length,
    requests: (await inbox.log()).length,
  }
}

const saveRow = (id: string, row: Record<string, unknown>) => {
  let rows: Record<string, unknown> = {}
  try {
    rows = JSON.parse(readFileSync(ARTIFACT, 'utf8')) as Record<string, unknown>
  } catch {} // No table yet, or a broken one: start it afresh.
  rows[id] = { id, ...row, at: new Date().toISOString() }
  mkdirSync(dirname(ARTIFACT), { recursive: true })
  // Whole-file swap: the browser project may write its rows at the same time.
  writeFileSync(`${ARTIFACT}.${process.pid}`, JSON.stringify(rows, null, 2))
  renameSync(`${ARTIFACT}.${process.pid}`, ARTIFACT)
}

/** `tally(id, scenario)` for the test file `file`: starts a row, written when the test ends. */
export const createTally =
  (file: string) =>
  (id: string, scenario: string): Tally => {
    const t: Tally = { sent: [], note: [] }
    onTestFinished(async ({ task }) => {
      const counts = t.inbox ? await countOf(t.inbox, t.sent, t.owed) : {}
      saveRow(id, {
        scenario,
        file,
        ...counts,
        note: t.note.join('; '),
        result: task.result?.state,
      })
    })
    return t
  }
