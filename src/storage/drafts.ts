import type { Draft } from '../core/touchpoint'
import { guard } from '../lib/guard'
import type { Report } from '../lib/report'

/** Most envelopes built in one task after a burst of track() calls. */
export const BUILDS_PER_TASK = 200

/** Touchpoints tracked and not yet built into envelopes. */
export interface Drafts {
  /** Builds `draft` in a task soon, with the others waiting. */
  add(draft: Draft): void
  /** Builds everything waiting, now: before the queue is read or the identity changes. */
  buildAll(): void
  /** Forgets everything waiting: on denial. */
  drop(): void
}

/**
 * Envelopes are built in the tasks after track(), not in it, so a page's burst of calls stays
 * short; a few hundred a task, so the building is not one long task either.
 */
export const createDrafts = (build: (draft: Draft) => void, report: Report): Drafts => {
  let waiting: Draft[] = []
  // Each build guarded on its own: one that throws loses neither the others of its task nor the
  // next task (a throw there left the rest waiting with no task to build them).
  const buildOne = guard(report, 'build', build)
  const buildSome = (count: number) => waiting.splice(0, count).forEach((draft) => buildOne(draft))
  const soon = () => {
    buildSome(BUILDS_PER_TASK)
    if (waiting.length) setTimeout(soon)
  }
  return {
    add: (draft) => {
      if (waiting.push(draft) === 1) setTimeout(soon)
    },
    buildAll: () => buildSome(Infinity),
    drop: () => void (waiting = []),
  }
}
