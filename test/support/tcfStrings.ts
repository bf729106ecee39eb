// Real TC strings for the TCF tests, encoded by IAB's @iabtcf/core from a small Global Vendor
// List built here (TCF 2.2: tcfPolicyVersion 4, no fetch of the real list).
import { GVL, TCModel, TCString } from '@iabtcf/core'

/** Our vendor id on the test list (a site's own tool would not be on the GVL; see docs). */
export const VENDOR_ID = 42

const purpose = (id: number) => ({ id, name: `Purpose ${id}`, description: '', illustrations: [] })
const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1)
const byId = (list: number[]) => Object.fromEntries(list.map((id) => [id, purpose(id)]))

const gvl = () =>
  new GVL({
    gvlSpecificationVersion: 3,
    vendorListVersion: 1,
    tcfPolicyVersion: 4,
    lastUpdated: '2024-01-01T00:00:00Z',
    purposes: byId(ids(11)),
    specialPurposes: byId([1, 2, 3]),
    features: byId([1, 2, 3]),
    specialFeatures: byId([1, 2]),
    stacks: {},
    vendors: {
      [VENDOR_ID]: {
        id: VENDOR_ID,
        name: 'touchtrail test vendor',
        purposes: [1, 8, 9],
        legIntPurposes: [7, 10],
        flexiblePurposes: [8, 9],
        specialPurposes: [],
        features: [],
        specialFeatures: [],
        policyUrl: 'https://example.com/privacy',
      },
    },
  } as unknown as ConstructorParameters<typeof GVL>[0])

/** What the visitor chose: purposes by consent and by legitimate interest, vendor consent. */
export interface TcChoice {
  consents?: number[]
  legitimateInterests?: number[]
  vendor?: boolean
  specialFeatures?: number[]
}

/** A TC string with the given choice, encoded by @iabtcf/core. */
export const tcString = ({
  consents = [],
  legitimateInterests = [],
  vendor = false,
  specialFeatures = [],
}: TcChoice = {}) => {
  const model = new TCModel(gvl())
  model.cmpId = 10
  model.cmpVersion = 1
  model.purposeConsents.set(consents)
  model.purposeLegitimateInterests.set(legitimateInterests)
  model.specialFeatureOptins.set(specialFeatures)
  if (vendor) model.vendorConsents.set(VENDOR_ID)
  return TCString.encode(model)
}

/** Every purpose, vendor and special feature the visitor can accept. */
export const ACCEPT_ALL: TcChoice = {
  consents: ids(11),
  legitimateInterests: [2, 7, 8, 9, 10, 11],
  vendor: true,
  specialFeatures: [1, 2],
}
/** "Reject all": nothing by consent, and every legitimate interest objected to. */
export const REJECT_ALL: TcChoice = {}
