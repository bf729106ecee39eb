import type { ConsentSource } from '../types'
import { createSource } from './createSource'
import { quiet } from '../lib/guard'
import { whenPresent } from './whenPresent'

/** Options for the Klaro consent source. */
export interface KlaroOptions {
  /** Name of the service in the Klaro config. @defaultValue 'touchtrail' */
  service?: string
  /** The Klaro module where the site bundles it: only Klaro's script tag sets `window.klaro`. */
  klaro?: { getManager(): unknown }
}

interface Watcher {
  update(manager: Manager, event: string): void
}
interface Flags {
  optOut?: boolean
  required?: boolean
}
interface Manager {
  confirmed?: boolean
  config?: Flags
  getConsent(name: string): boolean
  getService?(name: string): Flags | undefined
  watch(watcher: Watcher): void
  unwatch(watcher: Watcher): void
}

/**
 * Follows one Klaro service through `klaro.getManager()`: its saved consent once the visitor has
 * confirmed (or at once for an opt-out service, as Klaro itself does), pending before; granted
 * for a required service.
 * @see https://klaro.org/docs/api/js_api
 */
export const klaroConsent = (options: KlaroOptions = {}): ConsentSource =>
  createSource((set) => {
    const name = options.service ?? 'touchtrail'
    let manager: Manager | undefined
    const read = (m: Manager) => {
      const service = m.getService?.(name)
      // Klaro runs a required service whatever the consents say, and an opt-out one until refused.
      if (service?.required ?? m.config?.required) return set('granted')
      const confirmed = m.confirmed || (service?.optOut ?? m.config?.optOut)
      set(!confirmed ? 'pending' : m.getConsent(name) ? 'granted' : 'denied')
    }
    const watcher: Watcher = {
      // 'consents' also fires for each toggle in an open modal before it is saved: only a save,
      // or a reset (confirmed false again), changes what the visitor has decided.
      update: quiet((m: Manager, event: string) => {
        if (event === 'saveConsents' || !m.confirmed) read(m)
      }),
    }
    const cancel = whenPresent(
      // getManager() throws until Klaro has its config (it may fetch it): not there yet.
      () =>
        (options.klaro ?? (window as { klaro?: KlaroOptions['klaro'] }).klaro)?.getManager() as
          Manager | undefined,
      (found) => {
        manager = found
        found.watch(watcher)
        read(found)
      },
    )
    return () => {
      cancel()
      manager?.unwatch(watcher)
    }
  })
