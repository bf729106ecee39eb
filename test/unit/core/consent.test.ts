import { expect, it } from 'vitest'
import { step } from '../../../src/core/consent'

it.each([
  ['pending', 'granted', 'granted', ['remember-grant', 'release']],
  ['pending', 'denied', 'denied', ['remember-denial', 'drop-held', 'purge']],
  ['granted', 'denied', 'denied', ['remember-denial', 'drop-held', 'purge']],
  ['denied', 'granted', 'granted', ['remember-grant', 'release']],
  ['granted', 'pending', 'pending', []],
  ['denied', 'pending', 'pending', []],
  ['granted', 'granted', 'granted', []],
  ['denied', 'denied', 'denied', []],
  ['pending', 'pending', 'pending', []],
] as const)('%s + %s → %s with %j', (from, event, to, effects) => {
  expect(step(from, event)).toEqual({ state: to, effects })
})
