// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { usercentricsConsent } from '../../../src/consent/usercentrics'
import { recordStates } from '../../support/consentRecorder'

interface Service {
  id: string
  name: string
  category: string
  given: boolean
  explicit: boolean
}
const w = window as unknown as { __ucCmp?: unknown; UC_UI?: unknown }
const service = (id: string, name: string, category: string): Service => ({
  id,
  name,
  category,
  given: category === 'essential',
  explicit: false,
})
const services = (): Service[] => [
  service('H1', 'Usercentrics Consent Management Platform', 'essential'),
  service('T1', 'touchtrail', 'marketing'),
  service('G4', 'Google Analytics 4', 'marketing'),
]
// The visitor decides every non-essential service at once, as the banner's buttons do.
const decide = (list: Service[], given: (s: Service) => boolean) => {
  for (const s of list) {
    if (s.category !== 'essential') Object.assign(s, { given: given(s), explicit: true })
  }
}
// Answers settle over microtasks; five turns is more than the source's promise chain needs.
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

// The v3 Web CMP: __ucCmp.getConsentDetails() resolves { consent, services, categories } with
// services keyed by id, and UC_UI_INITIALIZED / UC_CONSENT are dispatched on window.
const loadV3 = () => {
  const list = services()
  w.__ucCmp = {
    getConsentDetails: async () => ({
      consent: { type: list.some((s) => s.explicit) ? 'EXPLICIT' : 'IMPLICIT' },
      services: Object.fromEntries(
        list.map((s) => [
          s.id,
          {
            name: s.name,
            category: s.category,
            essential: s.category === 'essential',
            consent: { given: s.given, type: s.explicit ? 'EXPLICIT' : 'IMPLICIT' },
          },
        ]),
      ),
    }),
  }
  dispatchEvent(new Event('UC_UI_INITIALIZED'))
  return {
    choose(given: (s: Service) => boolean) {
      decide(list, given)
      dispatchEvent(new CustomEvent('UC_CONSENT', { detail: {} }))
    },
  }
}
// The v2 Browser UI: UC_UI.getServicesBaseInfo() lists { id, name, categorySlug, consent:
// { status, history } }, announced by UC_UI_INITIALIZED and the site's window event (ucEvent).
const loadV2 = () => {
  const list = services()
  w.UC_UI = {
    isInitialized: () => true,
    getServicesBaseInfo: () =>
      list.map((s) => ({
        id: s.id,
        name: s.name,
        categorySlug: s.category,
        consent: {
          status: s.given,
          history: [{ type: 'implicit' }, ...(s.explicit ? [{ type: 'explicit' }] : [])],
        },
      })),
  }
  dispatchEvent(new Event('UC_UI_INITIALIZED'))
  return {
    choose(given: (s: Service) => boolean) {
      decide(list, given)
      dispatchEvent(new CustomEvent('ucEvent', { detail: { event: 'consent_status' } }))
    },
  }
}

const { states, record } = recordStates({ globals: ['__ucCmp', 'UC_UI'] })

describe.each([
  ['v3', loadV3],
  ['v2', loadV2],
])('usercentricsConsent, %s', (_version, load) => {
  it('says nothing before the CMP loads, then pending while consent is implicit', async () => {
    const stop = usercentricsConsent()(record)
    await settle()
    expect(states).toEqual([])
    load()
    await settle()
    expect(states).toEqual(['pending'])
    stop()
  })

  it('follows the marketing category: accept all, deny all, accept all', async () => {
    const stop = usercentricsConsent()(record)
    const cmp = load()
    await settle()
    cmp.choose(() => true)
    await settle()
    cmp.choose(() => false)
    await settle()
    cmp.choose(() => true)
    await settle()
    expect(states).toEqual(['pending', 'granted', 'denied', 'granted'])
    stop()
  })

  it('follows one service by name or id when told', async () => {
    const byName = usercentricsConsent({ service: 'touchtrail' })(record)
    const byId = usercentricsConsent({ service: 'G4' })((state) => {
      states.push(`id:${state}` as never)
    })
    const cmp = load()
    await settle()
    cmp.choose((s) => s.name === 'touchtrail')
    await settle()
    expect(states).toEqual(['pending', 'id:pending', 'granted', 'id:denied'])
    byName()
    byId()
  })

  it('hears nothing after stop', async () => {
    const stop = usercentricsConsent()(record)
    const cmp = load()
    await settle()
    stop()
    cmp.choose(() => true)
    await settle()
    expect(states).toEqual(['pending'])
  })
})

describe('usercentricsConsent', () => {
  it('lets only the newest of overlapping v3 reads decide', async () => {
    const answers: ((details: unknown) => void)[] = []
    w.__ucCmp = { getConsentDetails: () => new Promise((resolve) => answers.push(resolve)) }
    const stop = usercentricsConsent({ service: 'T1' })(record)
    dispatchEvent(new Event('UC_CONSENT'))
    const given = (value: boolean) => ({
      services: { T1: { consent: { given: value, type: 'EXPLICIT' } } },
    })
    answers[1](given(true))
    answers[0](given(false)) // older, answers late
    await settle()
    expect(states).toEqual(['granted'])
    stop()
  })

  it('never throws when the CMP does', async () => {
    w.__ucCmp = { getConsentDetails: () => Promise.reject(new Error('cmp broke')) }
    const stop = usercentricsConsent()(record)
    await settle()
    w.__ucCmp = undefined
    const broken = () => {
      throw new Error('ui broke')
    }
    w.UC_UI = { isInitialized: () => true, getServicesBaseInfo: broken }
    expect(() => dispatchEvent(new Event('UC_UI_INITIALIZED'))).not.toThrow()
    w.UC_UI = { isInitialized: () => true, getServicesBaseInfo: () => [null] }
    expect(() => dispatchEvent(new Event('UC_UI_INITIALIZED'))).not.toThrow()
    expect(states).toEqual([])
    stop()
  })
})
