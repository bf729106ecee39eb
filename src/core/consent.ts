import type { ConsentState } from '../types'

/** What a consent change asks the tracker to do, in order. */
export type ConsentEffect =
  | 'remember-grant' // keep the decision for later loads
  | 'remember-denial'
  | 'release' // store and send what was held in memory
  | 'drop-held' // forget what was held in memory
  | 'purge' // delete the stored queue and identifiers

/** The next consent state and its effects; the same state again does nothing. */
export const step = (
  state: ConsentState,
  next: ConsentState,
): { state: ConsentState; effects: ConsentEffect[] } => {
  if (state === next) return { state, effects: [] }
  if (next === 'granted') return { state: next, effects: ['remember-grant', 'release'] }
  if (next === 'denied') return { state: next, effects: ['remember-denial', 'drop-held', 'purge'] }
  // Back to pending (a CMP lost its decision): hold new touchpoints and send nothing (the sender
  // asks the state), but keep what a grant stored.
  return { state: next, effects: [] }
}
