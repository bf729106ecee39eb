import type { ConsentSource, ConsentState } from '../types'

/** What a source's setup gets: report a state; repeats and anything after stop are dropped. */
export type SetState = (state: ConsentState) => void

/**
 * Makes a ConsentSource from a setup that watches one CMP and returns its own cleanup.
 * The tracker hears each state once per change and nothing after stop, even from vendor
 * callbacks that cannot be detached. Until the CMP is there it hears nothing at all: a decision
 * remembered from an earlier page holds until the CMP says otherwise, and `pending` means the
 * CMP is there and the visitor has not chosen (or the choice was lost).
 */
export const createSource =
  (setup: (set: SetState) => (() => void) | void): ConsentSource =>
  (update) => {
    let last: ConsentState | undefined
    let live = true
    let cleanup: (() => void) | void
    const set: SetState = (state) => {
      if (!live || state === last) return
      last = state
      update(state)
    }
    // No try here: the tracker guards the source where it calls it, and guards the update it
    // hands over; vendor callbacks are wrapped in quiet() by each source.
    cleanup = setup(set)
    return () => {
      if (!live) return
      live = false
      cleanup?.()
    }
  }
