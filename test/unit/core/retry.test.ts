import { expect, it } from 'vitest'
import { outcomeOf } from '../../../src/core/retry'

it.each([
  [200, 'ok'],
  [204, 'ok'],
  [299, 'ok'],
  [0, 'retry'],
  [408, 'retry'],
  [425, 'retry'],
  [429, 'retry'],
  [500, 'retry'],
  [503, 'retry'],
  [413, 'split'],
  [400, 'drop'],
  [401, 'drop'],
  [404, 'drop'],
  [422, 'drop'],
  [301, 'drop'],
] as const)('answers %i with %s', (status, outcome) => {
  expect(outcomeOf(status)).toBe(outcome)
})
