import { expect, it, vi } from 'vitest'
import { createReporter, DOCS } from '../../../src/lib/report'
import type { TouchtrailError } from '../../../src/types'

it('says what was wrong and links where its code is explained, once per problem', () => {
  const errors: TouchtrailError[] = []
  const report = createReporter((error) => errors.push(error))
  const cause = new Error('x')
  report('config', 'createTracker() needs a collector', cause)
  report('config', 'createTracker() needs a collector')
  report('invalid_input', `track('chat_open'): props must be an object`)
  expect(errors).toEqual([
    { code: 'config', message: `createTracker() needs a collector (${DOCS}#config)`, cause },
    {
      code: 'invalid_input',
      message: `track('chat_open'): props must be an object (${DOCS}#invalid_input)`,
      cause: undefined,
    },
  ])
})

it('logs to the console only when debugging, and survives an onError that throws', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const throwing = () => {
    throw new Error('from the page')
  }
  createReporter(throwing)('internal', 'quiet')
  expect(warn).not.toHaveBeenCalled()
  createReporter(throwing, true)('internal', 'loud')
  expect(warn).toHaveBeenCalledWith(`[touchtrail] internal: loud (${DOCS}#internal)`, '')
  warn.mockRestore()
})
