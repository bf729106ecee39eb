import type { ConsentSource } from '../types'
import { createSource } from './createSource'
import { quiet } from '../lib/guard'

/** Options for the Usercentrics consent source. */
export interface UsercentricsOptions {
  /** Name or id of the data processing service to follow; takes precedence over `category`. */
  service?: string
  /** Category whose services must all be consented to. @defaultValue 'marketing' */
  category?: string
}

// A service as either version describes it, reduced to what decides the state.
type Row = [id: string, name?: string, category?: string, given?: boolean, explicit?: boolean]

interface V3Service {
  name?: string
  category?: string
  consent?: { given?: boolean; type?: string }
}
interface V2Service {
  id: string
  name?: string
  categorySlug?: string
  consent?: { status?: boolean; history?: { type?: string }[] }
}
interface UsercentricsWindow {
  __ucCmp?: { getConsentDetails(): Promise<{ services?: Record<string, V3Service> }> }
  UC_UI?: { isInitialized?(): boolean; getServicesBaseInfo(): V2Service[] }
}

const EVENTS = ['UC_UI_INITIALIZED', 'UC_CONSENT', 'UC_UI_CMP_EVENT', 'ucEvent']

/**
 * Follows a Usercentrics service, or every service of a category, in the v3 Web CMP
 * (`__ucCmp.getConsentDetails()`) or v2 Browser UI (`UC_UI.getServicesBaseInfo()`), re-read on
 * its initialized and consent events. Consent given is granted; refused explicitly is denied;
 * refused only by default (implicit, no choice yet) is pending.
 * @see https://usercentrics.com/docs/web/implementation/ui/interfaces/
 */
export const usercentricsConsent = (options: UsercentricsOptions = {}): ConsentSource =>
  createSource((set) => {
    const w = window as Window & UsercentricsWindow
    const { service, category = 'marketing' } = options
    let reads = 0
    const decide = (rows: Row[]) => {
      const mine = rows.filter(([id, name, group]) =>
        service ? id === service || name === service : group === category,
      )
      if (!mine.length) return
      set(
        mine.every((row) => row[3])
          ? 'granted'
          : mine.some((row) => row[4] && !row[3])
            ? 'denied'
            : 'pending',
      )
    }
    const read = quiet(() => {
      const v3 = w.__ucCmp
      const v2 = w.UC_UI
      if (v3) {
        // Answers are promises: only the newest read may decide.
        const n = ++reads
        v3.getConsentDetails().then(
          quiet(({ services = {} }) => {
            if (n !== reads) return
            decide(
              Object.entries(services).map(([id, s]) => [
                id,
                s.name,
                s.category,
                s.consent?.given,
                s.consent?.type === 'EXPLICIT',
              ]),
            )
          }),
          () => {},
        )
      } else if (v2?.isInitialized?.()) {
        decide(
          v2
            .getServicesBaseInfo()
            .map((s) => [
              s.id,
              s.name,
              s.categorySlug,
              s.consent?.status,
              s.consent?.history?.[s.consent.history.length - 1]?.type === 'explicit',
            ]),
        )
      }
    })
    EVENTS.forEach((name) => addEventListener(name, read))
    read()
    return () => EVENTS.forEach((name) => removeEventListener(name, read))
  })
