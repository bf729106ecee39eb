// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSource, type SetState } from '../../../src/consent/createSource'
import { whenPresent } from '../../../src/consent/whenPresent'
import { followInGate, recordStates } from '../../support/consentRecorder'

const { states, record } = recordStates()

describe('createSource', () => {
  it('says nothing until the setup knows, then each change once', () => {
    let set: SetState = () => {}
    const stop = createSource((s) => {
      set = s
    })(record)
    expect(states).toEqual([])
    set('pending')
    set('granted')
    set('granted')
    set('denied')
    expect(states).toEqual(['pending', 'granted', 'denied'])
    stop()
  })

  it('reports what the setup knew at once', () => {
    const stop = createSource((set) => set('denied'))(record)
    expect(states).toEqual(['denied'])
    stop()
  })

  it('drops states after stop and cleans up once', () => {
    let set: SetState = () => {}
    const cleanup = vi.fn()
    const stop = createSource((s) => {
      set = s
      return cleanup
    })(record)
    set('pending')
    stop()
    stop()
    set('granted')
    expect(cleanup).toHaveBeenCalledTimes(1)
    expect(states).toEqual(['pending'])
  })

  it('leaves a failing setup or cleanup to the tracker, which reports it and throws nothing', () => {
    const broken = followInGate(
      createSource(() => {
        throw new Error('setup')
      }),
    )
    expect(broken.reports).toEqual(['internal: consent source() failed'])
    expect(broken.gate.state()).toBe('pending')
    const source = createSource((set) => {
      set('granted')
      return () => {
        throw new Error('cleanup')
      }
    })
    const { gate, stop, reports } = followInGate(source)
    expect(gate.state()).toBe('granted')
    expect(() => stop?.()).toThrow('cleanup') // the tracker's shutdown guards each stop
    expect(reports).toEqual([])
  })
})

describe('whenPresent', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('hands over the value as soon as it appears', () => {
    let value: string | undefined
    const then = vi.fn()
    whenPresent(() => value, then)
    vi.advanceTimersByTime(300)
    value = 'cmp'
    vi.advanceTimersByTime(100)
    expect(then).toHaveBeenCalledExactlyOnceWith('cmp')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('gives up after the given number of checks, and on cancel', () => {
    const get = vi.fn(() => {
      throw new Error('half loaded')
    })
    whenPresent(get, () => {}, 300)
    vi.advanceTimersByTime(1_000)
    expect(get).toHaveBeenCalledTimes(4) // now, then three checks
    expect(vi.getTimerCount()).toBe(0)
    const cancel = whenPresent(
      () => undefined,
      () => {},
    )
    cancel()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps a failing handler from reaching the page', () => {
    let value: number | undefined
    whenPresent(
      () => value,
      () => {
        throw new Error('handler')
      },
    )
    value = 1
    expect(() => vi.advanceTimersByTime(100)).not.toThrow()
  })
})
