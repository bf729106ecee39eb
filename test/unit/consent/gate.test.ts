// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createConsentGate, MAX_HELD, type GateEffects } from '../../../src/consent/gate'
import { createReporter, type Report } from '../../../src/lib/report'
import type { ConsentSource, ConsentState, TouchtrailError } from '../../../src/types'
import { draft } from '../../support/draft'

// A fake of the gate's neighbours: it records each effect in the order asked.
let calls: string[]
let stored: string[]
let released: string[][]
let told: Parameters<Report>[]
const effects: GateEffects = {
  store: (d) => void stored.push(d.id),
  grant: (held) => void released.push(held.map((d) => d.id)),
  deny: () => void calls.push('deny'),
  log: () => {},
}
const report: Report = (...args) => void told.push(args)
let name: string
const remembered = () => localStorage.getItem(`${name}:consent`)
const gate = (option: 'required' | 'granted' = 'required', onReport = report) => {
  const made = createConsentGate(name, option, effects, onReport)
  made.start()
  stops.push(made.stop)
  return made
}
let stops: (() => void)[]
const setGpc = (on: boolean | undefined) =>
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: on, configurable: true })
const otherTab = (value: string | null, key = `${name}:consent`) =>
  dispatchEvent(new StorageEvent('storage', { key, newValue: value }))

beforeEach(() => {
  name = crypto.randomUUID()
  calls = []
  stored = []
  released = []
  told = []
  stops = []
})
afterEach(() => {
  stops.forEach((stop) => stop())
  setGpc(undefined)
})

describe('where it starts', () => {
  it('pending by default: holds touchpoints, stores and releases nothing', () => {
    const g = gate()
    g.admit(draft(1))
    expect(g.state()).toBe('pending')
    expect(g.held()).toBe(1)
    expect([stored, released, calls]).toEqual([[], [], []])
  })

  it("granted by the option: stores at once, and remembers nothing (the site's option is no decision)", () => {
    const g = gate('granted')
    g.admit(draft(1))
    expect(g.state()).toBe('granted')
    expect(released).toEqual([[]]) // what earlier pages left goes out
    expect(stored).toEqual(['d1'])
    expect(remembered()).toBeNull()
  })

  it('a remembered decision wins over the option', () => {
    localStorage.setItem(`${name}:consent`, 'granted')
    expect(gate('required').state()).toBe('granted')
    name = crypto.randomUUID()
    localStorage.setItem(`${name}:consent`, 'denied')
    expect(gate('granted').state()).toBe('denied')
    expect(released).toEqual([[]]) // only the first: a remembered denial releases nothing
  })

  it('an unreadable remembered value is no decision', () => {
    localStorage.setItem(`${name}:consent`, 'yes please')
    expect(gate().state()).toBe('pending')
  })

  it('Global Privacy Control denies over the option and over a remembered grant', () => {
    setGpc(true)
    expect(gate('granted').state()).toBe('denied')
    expect(calls).toEqual(['deny']) // stored touchpoints and ids are deleted
    name = crypto.randomUUID()
    localStorage.setItem(`${name}:consent`, 'granted')
    expect(gate().state()).toBe('denied')
    expect(released).toEqual([])
  })

  it('GPC set to anything but true is no signal', () => {
    setGpc('1' as never)
    expect(gate('granted').state()).toBe('granted')
  })
})

describe('the held buffer', () => {
  it(`keeps the newest ${MAX_HELD}, drops the oldest, and tells onError once`, () => {
    const errors: TouchtrailError[] = []
    const g = gate(
      'required',
      createReporter((error) => errors.push(error)),
    )
    for (let n = 1; n <= MAX_HELD + 5; n++) g.admit(draft(n))
    expect(g.held()).toBe(MAX_HELD)
    expect(errors.map((e) => e.code)).toEqual(['queue_overflow'])
    g.decide('granted')
    expect(released[0]).toHaveLength(MAX_HELD)
    expect(released[0]![0]).toBe('d6')
    expect(released[0]![MAX_HELD - 1]).toBe(`d${MAX_HELD + 5}`)
  })

  it('a grant releases what was held, in the order tracked, and remembers it', () => {
    const g = gate()
    ;[1, 2, 3].forEach((n) => g.admit(draft(n)))
    g.decide('granted')
    expect(released).toEqual([['d1', 'd2', 'd3']])
    expect(g.held()).toBe(0)
    expect(remembered()).toBe('granted')
    g.admit(draft(4))
    g.decide('granted') // the same decision again does nothing
    expect(stored).toEqual(['d4'])
    expect(released).toHaveLength(1)
  })

  it('a denial asks for the purge, forgets what was held, drops what comes later', () => {
    const g = gate()
    ;[1, 2].forEach((n) => g.admit(draft(n)))
    g.decide('denied')
    expect(calls).toEqual(['deny'])
    expect(g.held()).toBe(0)
    expect(remembered()).toBe('denied')
    g.admit(draft(3))
    expect(g.held()).toBe(0)
    g.decide('granted') // a later grant has nothing from before the denial to release
    expect(released).toEqual([[]])
    expect(stored).toEqual([])
  })
})

describe('other tabs', () => {
  it("follows another tab's decision, and stops following when stopped", () => {
    const g = gate()
    g.admit(draft(1))
    otherTab('granted', 'someone-else:consent')
    otherTab('maybe')
    expect(g.state()).toBe('pending')
    otherTab('granted')
    expect(g.state()).toBe('granted')
    expect(released).toEqual([['d1']])
    otherTab('denied')
    expect(g.state()).toBe('denied')
    expect(calls).toEqual(['deny'])
    g.stop()
    otherTab('granted')
    expect(g.state()).toBe('denied')
  })

  it('an effect that throws while following another tab is reported, not thrown', () => {
    const g = createConsentGate(
      name,
      'required',
      {
        ...effects,
        deny: () => {
          throw new Error('purge broke')
        },
      },
      report,
    )
    g.start()
    stops.push(g.stop)
    expect(() => otherTab('denied')).not.toThrow()
    expect(told.map(([code, message]) => [code, message])).toEqual([
      ['internal', 'storage() failed'],
    ])
  })
})

describe('consent sources', () => {
  // A CMP as a consent source: the test says what it reports, and when.
  const cmp = () => {
    let update: (state: ConsentState) => void = () => {}
    let stopped = false
    const source: ConsentSource = (next) => {
      update = next
      return () => (stopped = true)
    }
    return { source, say: (state: ConsentState) => update(state), stopped: () => stopped }
  }

  it('follows what the source says, and returns its stop', () => {
    const g = gate()
    const { source, say, stopped } = cmp()
    const stop = g.follow(source)
    g.admit(draft(1))
    say('granted')
    expect(released).toEqual([['d1']])
    say('pending')
    g.admit(draft(2))
    expect(g.state()).toBe('pending')
    expect(g.held()).toBe(1)
    say('denied')
    expect(calls).toEqual(['deny'])
    stop!()
    expect(stopped()).toBe(true)
  })

  it("under GPC ignores a source's grant, takes its denial, and the site's own grant lifts GPC", () => {
    setGpc(true)
    const g = gate()
    const { source, say } = cmp()
    g.follow(source)
    say('granted')
    expect(g.state()).toBe('denied')
    g.decide('granted') // the site read the signal and has consent anyway
    expect(g.state()).toBe('granted')
    say('denied')
    say('granted') // GPC stays lifted for the source's later grants
    expect(g.state()).toBe('granted')
  })

  it('a source that throws is reported, not thrown, and leaves the state as it was', () => {
    const g = gate()
    const stop = g.follow(() => {
      throw new Error('CMP not loaded')
    })
    expect(stop).toBeUndefined()
    expect(g.state()).toBe('pending')
    expect(told.map(([code, message]) => [code, message])).toEqual([
      ['internal', 'consent source() failed'],
    ])
  })

  it('an effect that throws on the source’s update is reported, not thrown into the CMP', () => {
    const g = createConsentGate(
      name,
      'required',
      {
        ...effects,
        grant: () => {
          throw new Error('broke')
        },
      },
      report,
    )
    const { source, say } = cmp()
    g.follow(source)
    expect(() => say('granted')).not.toThrow()
    expect(told.map(([code]) => code)).toEqual(['internal'])
  })
})
