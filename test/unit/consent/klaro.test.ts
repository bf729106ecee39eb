// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { klaroConsent } from '../../../src/consent/klaro'
import { recordStates } from '../../support/consentRecorder'

interface Watcher {
  update(manager: unknown, event: string, data?: unknown): void
}
const w = window as unknown as { klaro?: { getManager(): unknown } }

// Klaro's ConsentManager as klaro-js src/consent-manager.js has it: watchers hear 'consents' on
// every toggle (saved or not) and on reset, and 'saveConsents' when the visitor saves.
const loadKlaro = (services: { name: string; optOut?: boolean }[] = [{ name: 'touchtrail' }]) => {
  const watchers = new Set<Watcher>()
  const manager = {
    confirmed: false,
    consents: {} as Record<string, boolean>,
    config: { services },
    getService: (name: string) => services.find((service) => service.name === name),
    getConsent(name: string) {
      return this.consents[name] || false
    },
    watch: (watcher: Watcher) => watchers.add(watcher),
    unwatch: (watcher: Watcher) => watchers.delete(watcher),
    notify(event: string) {
      watchers.forEach((watcher) => watcher.update(this, event, this.consents))
    },
    updateConsent(name: string, value: boolean) {
      this.consents[name] = value
      this.notify('consents')
    },
    saveConsents() {
      this.confirmed = true
      this.notify('saveConsents')
    },
    resetConsents() {
      this.consents = {}
      this.confirmed = false
      this.notify('consents')
    },
  }
  let configured = false
  // getManager() without a config throws until Klaro has one (it may fetch it).
  w.klaro = {
    getManager: () => {
      if (!configured) throw new TypeError('no config')
      return manager
    },
  }
  return {
    manager,
    watchers,
    configure: () => {
      configured = true
    },
  }
}
const choose = (manager: ReturnType<typeof loadKlaro>['manager'], value: boolean) => {
  manager.updateConsent('touchtrail', value)
  manager.saveConsents()
}

const { states, record } = recordStates({ globals: ['klaro'], fakeTimers: true })

describe('klaroConsent', () => {
  it('is pending until Klaro has its config, and until the visitor confirms', () => {
    const stop = klaroConsent()(record)
    const klaro = loadKlaro()
    vi.advanceTimersByTime(500)
    expect(klaro.watchers.size).toBe(0)
    expect(states).toEqual([])
    klaro.configure()
    vi.advanceTimersByTime(100)
    expect(klaro.watchers.size).toBe(1)
    expect(states).toEqual(['pending'])
    stop()
  })

  it('follows saved choices only, not toggles in the open modal', () => {
    const { manager, configure } = loadKlaro()
    configure()
    const stop = klaroConsent()(record)
    manager.updateConsent('touchtrail', true) // toggled, not saved
    expect(states).toEqual(['pending'])
    manager.saveConsents()
    choose(manager, false)
    manager.updateConsent('touchtrail', true) // toggled back, not saved
    expect(states).toEqual(['pending', 'granted', 'denied'])
    manager.saveConsents()
    expect(states).toEqual(['pending', 'granted', 'denied', 'granted'])
    manager.resetConsents()
    expect(states.at(-1)).toBe('pending')
    stop()
  })

  it('follows the named service and treats an opt-out service as decided', () => {
    const { manager, configure } = loadKlaro([{ name: 'analytics', optOut: true }])
    configure()
    manager.consents.analytics = true
    const stop = klaroConsent({ service: 'analytics' })(record)
    expect(states).toEqual(['granted'])
    stop()
  })

  it('unwatches on stop and hears nothing after', () => {
    const klaro = loadKlaro()
    klaro.configure()
    const stop = klaroConsent()(record)
    stop()
    expect(klaro.watchers.size).toBe(0)
    choose(klaro.manager, true)
    expect(states).toEqual(['pending'])
  })

  it('stops looking for Klaro after a bounded wait', () => {
    const stop = klaroConsent()(record)
    vi.advanceTimersByTime(10_000)
    expect(vi.getTimerCount()).toBe(0)
    stop()
  })

  it('never throws when Klaro does', () => {
    const klaro = loadKlaro()
    klaro.configure()
    klaro.manager.getConsent = () => {
      throw new Error('klaro broke')
    }
    const stop = klaroConsent()(record)
    klaro.manager.confirmed = true
    expect(() => klaro.manager.notify('saveConsents')).not.toThrow()
    expect(states).toEqual(['pending'])
    expect(stop).not.toThrow()
  })
})
