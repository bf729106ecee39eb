// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { consentSourceByName } from '../../../src/consent/byName'
import type { ConsentState } from '../../../src/types'

const NAMES = [
  'tcf',
  'consent-mode',
  'cookiebot',
  'onetrust',
  'usercentrics',
  'klaro',
  'cookieyes',
  'cookieconsent',
]

describe('consentSourceByName', () => {
  it.each(NAMES)('makes a working source for data-consent="%s"', (name) => {
    const source = consentSourceByName(name)
    const states: ConsentState[] = []
    const stop = source!((state) => states.push(state))
    expect(states).toEqual([]) // no CMP on this page: nothing to say
    expect(stop).not.toThrow()
    delete (window as { dataLayer?: unknown }).dataLayer
  })

  it('forgives case and spaces in the attribute', () => {
    expect(consentSourceByName(' OneTrust ')).toBeTypeOf('function')
  })

  it.each(['required', 'granted', '', 'constructor', 'toString', 'didomi'])(
    'knows nothing of %j',
    (name) => {
      expect(consentSourceByName(name)).toBeUndefined()
    },
  )
})
