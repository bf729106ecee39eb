// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { tcfConsent } from '../../../src/consent/tcf'
import { recordStates } from '../../support/consentRecorder'

type Flags = Record<number, boolean>
interface Data {
  gdprApplies?: boolean
  eventStatus?: string
  listenerId?: number
  purpose?: { consents: Flags; legitimateInterests: Flags }
  vendor?: { consents: Flags }
}
type Callback = (data: Data | null, success: boolean) => void

// A CMP as the CMP API v2 describes it: addEventListener calls back at once with the current
// TC data and a listenerId, then on every change; removeEventListener takes that id.
const fakeCmp = () => {
  const listeners = new Map<number, Callback>()
  let nextId = 0 // as IAB's CmpApi numbers them: the first listener is 0
  let current: Data = { gdprApplies: true, eventStatus: 'cmpuishown' }
  const api = vi.fn((command: string, _version: number, callback: Callback, parameter?: number) => {
    if (command === 'addEventListener') {
      const id = nextId++
      listeners.set(id, callback)
      callback({ ...current, listenerId: id }, true)
    } else if (command === 'removeEventListener') {
      ;(callback as unknown as (success: boolean) => void)(listeners.delete(parameter!))
    }
  })
  const emit = (data: Data) => {
    current = data
    listeners.forEach((callback, id) => callback({ ...data, listenerId: id }, true))
  }
  return { api, emit, listeners }
}
const choice = (consents: Flags, legitimateInterests: Flags = {}, vendors: Flags = {}): Data => ({
  gdprApplies: true,
  eventStatus: 'useractioncomplete',
  purpose: { consents, legitimateInterests },
  vendor: { consents: vendors },
})
const w = window as unknown as { __tcfapi?: unknown }

const { states, record } = recordStates({ globals: ['__tcfapi'], fakeTimers: true })

describe('tcfConsent', () => {
  it('says nothing until the CMP appears, then pending until the visitor chooses', () => {
    const cmp = fakeCmp()
    const stop = tcfConsent()(record)
    expect(states).toEqual([])
    w.__tcfapi = cmp.api
    vi.advanceTimersByTime(100)
    expect(cmp.api).toHaveBeenCalledWith('addEventListener', 2, expect.any(Function))
    expect(states).toEqual(['pending'])
    stop()
  })

  it('grants on purposes 1 and 8, denies on withdrawal and grants again', () => {
    const cmp = fakeCmp()
    w.__tcfapi = cmp.api
    const stop = tcfConsent()(record)
    cmp.emit(choice({ 1: true, 8: true }))
    cmp.emit(choice({}))
    cmp.emit({ gdprApplies: true, eventStatus: 'cmpuishown' }) // UI reopened: not a decision
    cmp.emit(choice({ 1: true, 8: true }))
    expect(states).toEqual(['pending', 'granted', 'denied', 'granted'])
    stop()
  })

  it('says nothing while the CMP is still loading', () => {
    const cmp = fakeCmp()
    w.__tcfapi = cmp.api
    cmp.emit({ gdprApplies: true, eventStatus: '' })
    const stop = tcfConsent()(record)
    cmp.emit({ gdprApplies: true, eventStatus: 'loading' })
    expect(states).toEqual([])
    stop()
  })

  it('takes a stored decision at tcloaded', () => {
    const cmp = fakeCmp()
    w.__tcfapi = cmp.api
    cmp.emit({ ...choice({ 1: true, 8: true }), eventStatus: 'tcloaded' })
    const stop = tcfConsent()(record)
    expect(states).toEqual(['granted'])
    stop()
  })

  it('accepts legitimate interest for purpose 8 but never for purpose 1', () => {
    const cmp = fakeCmp()
    w.__tcfapi = cmp.api
    const stop = tcfConsent()(record)
    cmp.emit(choice({ 1: true }, { 8: true }))
    cmp.emit(choice({ 8: true }, { 1: true }))
    expect(states).toEqual(['pending', 'granted', 'denied'])
    stop()
  })

  it('requires the configured purposes and vendor', () => {
    const cmp = fakeCmp()
    w.__tcfapi = cmp.api
    const stop = tcfConsent({ vendorId: 42, purposes: [8, 9] })(record)
    cmp.emit(choice({ 1: true, 8: true, 9: true }, {}, { 41: true }))
    cmp.emit(choice({ 1: true, 8: true }, {}, { 42: true }))
    cmp.emit(choice({ 1: true, 8: true, 9: true }, {}, { 42: true }))
    expect(states).toEqual(['pending', 'denied', 'granted'])
    stop()
  })

  it('grants where GDPR does not apply', () => {
    const cmp = fakeCmp()
    w.__tcfapi = cmp.api
    const stop = tcfConsent()(record)
    cmp.emit({ gdprApplies: false })
    expect(states).toEqual(['pending', 'granted'])
    stop()
  })

  it('removes its listener on stop and reports nothing after', () => {
    const cmp = fakeCmp()
    w.__tcfapi = cmp.api
    const stop = tcfConsent()(record)
    stop()
    expect(cmp.api).toHaveBeenCalledWith('removeEventListener', 2, expect.any(Function), 0)
    expect(cmp.listeners.size).toBe(0)
    cmp.emit(choice({ 1: true, 8: true }))
    expect(states).toEqual(['pending'])
  })

  it('detaches a listener the CMP confirms only after stop', () => {
    let answer: Callback | undefined
    const api = vi.fn((command: string, _v: number, callback: Callback) => {
      if (command === 'addEventListener') answer = callback // a stub still queueing calls
    })
    w.__tcfapi = api
    const stop = tcfConsent()(record)
    stop()
    answer!({ ...choice({ 1: true, 8: true }), listenerId: 3 }, true)
    expect(api).toHaveBeenLastCalledWith('removeEventListener', 2, expect.any(Function), 3)
    expect(states).toEqual([])
  })

  it('stops looking for a CMP that never loads', () => {
    const stop = tcfConsent()(record)
    vi.advanceTimersByTime(10_000)
    expect(vi.getTimerCount()).toBe(0)
    w.__tcfapi = fakeCmp().api
    vi.advanceTimersByTime(1_000)
    expect(states).toEqual([])
    stop()
  })

  it('never throws when the CMP does or sends nonsense', () => {
    w.__tcfapi = () => {
      throw new Error('cmp broke')
    }
    const stop = tcfConsent()(record)
    expect(states).toEqual([])
    expect(stop).not.toThrow()
    const cmp = fakeCmp()
    w.__tcfapi = cmp.api
    const again = tcfConsent()(record)
    const [callback] = [...cmp.listeners.values()]
    expect(() => callback(null, true)).not.toThrow()
    expect(() =>
      callback({ eventStatus: 'useractioncomplete', purpose: null } as never, true),
    ).not.toThrow()
    expect(states.at(-1)).toBe('denied')
    again()
  })
})
