import type { ConsentSource } from '../types'
import { createSource } from './createSource'
import { quiet } from '../lib/guard'
import { whenPresent } from './whenPresent'

/** Options for the IAB TCF v2.2 consent source. */
export interface TcfOptions {
  /** Your id on the Global Vendor List; when set, that vendor's consent is required as well. */
  vendorId?: number
  /**
   * Purposes required besides purpose 1, each by consent or legitimate interest (TCF 2.2 allows
   * either for purposes 2 and 7–11). Purpose 1 is always required, by consent only.
   * @defaultValue [8] (measure content performance)
   */
  purposes?: number[]
}

type Flags = Record<number, boolean | undefined>
interface TcData {
  gdprApplies?: boolean
  eventStatus?: string
  listenerId?: number
  purpose?: { consents?: Flags; legitimateInterests?: Flags }
  vendor?: { consents?: Flags }
}
type TcfApi = (
  command: string,
  version: 2,
  callback: (data: TcData, success: boolean) => void,
  parameter?: number,
) => void

// Purpose 1 (store and access on a device) covers our queue and ids, and TCF allows it only by
// consent; touchtrail measures how visitors meet the site, which is purpose 8.
const allows = (data: TcData, { purposes = [8], vendorId }: TcfOptions) =>
  !!data.purpose?.consents?.[1] &&
  purposes.every((id) => data.purpose?.consents?.[id] || data.purpose?.legitimateInterests?.[id]) &&
  (vendorId === undefined || !!data.vendor?.consents?.[vendorId])

/**
 * Follows an IAB TCF v2.2 CMP through `__tcfapi('addEventListener', 2, …)`.
 * @see https://github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework/blob/master/TCFv2/IAB%20Tech%20Lab%20-%20CMP%20API%20v2.md
 */
export const tcfConsent = (options: TcfOptions = {}): ConsentSource =>
  createSource((set) => {
    let api: TcfApi | undefined
    let listenerId: number | undefined
    let decided = false
    let stopped = false
    const remove = () => {
      if (api && listenerId !== undefined) api('removeEventListener', 2, () => {}, listenerId)
    }
    const onData = quiet((data: TcData, success: boolean) => {
      if (!success || !data) return
      listenerId ??= data.listenerId
      // The CMP may answer only after stop; the id it brings lets us detach then.
      if (stopped) return remove()
      const status = data.eventStatus
      if (data.gdprApplies === false || status === 'tcloaded' || status === 'useractioncomplete') {
        decided = true
        set(data.gdprApplies === false || allows(data, options) ? 'granted' : 'denied')
      } else if (status === 'cmpuishown' && !decided) {
        // The visitor has not chosen yet. Shown again after a choice, the UI carries all-false
        // consents that are not a decision. Other statuses (a CMP still loading) say nothing.
        set('pending')
      }
    })
    const cancel = whenPresent(
      () => (window as { __tcfapi?: TcfApi }).__tcfapi,
      (found) => {
        api = found
        found('addEventListener', 2, onData)
      },
    )
    return () => {
      stopped = true
      cancel()
      remove()
    }
  })
