// The one recording harness of the consent unit tests: what a source reports, in order.
import { afterEach, beforeEach, vi } from 'vitest'
import type { ConsentState } from '../../src/types'

/** Options for recordStates. */
export interface RecorderOptions {
  /** Window globals the CMP under test puts there, removed after each test. */
  globals?: string[]
  /** Fake timers in each test, for sources that wait for their CMP. */
  fakeTimers?: boolean
}

/**
 * Registers the hooks of a consent unit test file: `states` (one array, emptied before each
 * test) gets every state `record` hears; the CMP's globals go after each test.
 */
export const recordStates = ({ globals = [], fakeTimers = false }: RecorderOptions = {}) => {
  const states: ConsentState[] = []
  const record = (state: ConsentState) => {
    states.push(state)
  }
  beforeEach(() => {
    states.length = 0
    if (fakeTimers) vi.useFakeTimers()
  })
  afterEach(() => {
    globals.forEach((name) => Reflect.deleteProperty(window, name))
    if (fakeTimers) vi.useRealTimers()
  })
  return { states, record }
}
