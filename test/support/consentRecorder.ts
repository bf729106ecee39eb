// The one recording harness of the consent unit tests: what a source reports, in order.
import { afterEach, beforeEach, vi } from 'vitest'
import { createConsentGate } from '../../src/consent/gate'
import type { ConsentSource, ConsentState } from '../../src/types'

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

/**
 * Runs `source` as the tracker does, through a real consent gate and its guards: what a broken
 * CMP throws reaches `reports` (onError), never the caller.
 */
export const followInGate = (source: ConsentSource) => {
  const reports: string[] = []
  const ignore = () => {}
  const effects = { store: ignore, grant: ignore, deny: ignore, log: ignore }
  const gate = createConsentGate('test', 'required', effects, (code, message) => {
    reports.push(`${code}: ${message}`)
  })
  const stop = gate.follow(source)
  return { gate, stop, reports }
}
