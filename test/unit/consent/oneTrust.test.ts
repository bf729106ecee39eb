// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { oneTrustConsent } from '../../../src/consent/oneTrust'
import { recordStates } from '../../support/consentRecorder'

interface OneTrustWindow {
  OnetrustActiveGroups?: string
  OneTrust?: { IsAlertBoxClosed(): boolean }
  OptanonWrapper?: () => void
}
const w = window as unknown as OneTrustWindow

// OneTrust as its docs describe it: OnetrustActiveGroups holds the active groups, the script
// calls OptanonWrapper on load and on each save, and dispatches OneTrustGroupsUpdated.
const loadOneTrust = (groups = ',C0001,') => {
  let closed = false
  w.OneTrust = { IsAlertBoxClosed: () => closed }
  const save = (active: string, event = false) => {
    w.OnetrustActiveGroups = active
    closed = true
    if (event) {
      const detail = active.split(',').filter(Boolean)
      dispatchEvent(new CustomEvent('OneTrustGroupsUpdated', { detail }))
    } else {
      w.OptanonWrapper?.()
    }
  }
  w.OnetrustActiveGroups = groups
  w.OptanonWrapper?.()
  return { save }
}

const { states, record } = recordStates({
  globals: ['OnetrustActiveGroups', 'OneTrust', 'OptanonWrapper'],
})

describe('oneTrustConsent', () => {
  it('says nothing before OneTrust loads, then pending while the banner is open', () => {
    const stop = oneTrustConsent()(record)
    expect(states).toEqual([])
    loadOneTrust()
    expect(states).toEqual(['pending'])
    stop()
  })

  it('follows accept, withdrawal and accept again, through either hook', () => {
    const stop = oneTrustConsent()(record)
    const oneTrust = loadOneTrust()
    oneTrust.save(',C0001,C0002,')
    oneTrust.save(',C0001,', true)
    oneTrust.save(',C0001,C0002,C0004,', true)
    expect(states).toEqual(['pending', 'granted', 'denied', 'granted'])
    stop()
  })

  it('chains the site’s own OptanonWrapper and gives it back on stop', () => {
    const own = vi.fn()
    w.OptanonWrapper = own
    const stop = oneTrustConsent()(record)
    loadOneTrust(',C0001,C0002,')
    expect(own).toHaveBeenCalledTimes(1)
    expect(states).toEqual(['granted'])
    stop()
    expect(w.OptanonWrapper).toBe(own)
  })

  it('follows the configured category', () => {
    const stop = oneTrustConsent({ category: 'C0004' })(record)
    loadOneTrust().save(',C0001,C0002,')
    expect(states).toEqual(['pending', 'denied'])
    stop()
  })

  it('hears nothing after stop', () => {
    const stop = oneTrustConsent()(record)
    const oneTrust = loadOneTrust()
    stop()
    oneTrust.save(',C0001,C0002,', true)
    expect(states).toEqual(['pending'])
  })

  it('never throws when OneTrust does, and still calls the site’s wrapper', () => {
    const own = vi.fn()
    w.OptanonWrapper = own
    w.OnetrustActiveGroups = ',C0001,'
    w.OneTrust = {
      IsAlertBoxClosed: () => {
        throw new Error('onetrust broke')
      },
    }
    const stop = oneTrustConsent()(record)
    expect(() => w.OptanonWrapper!()).not.toThrow()
    expect(own).toHaveBeenCalledTimes(1)
    expect(states).toEqual([])
    stop()
  })
})
