// The demo shop served for the e2e tests as the demo serves it: a single-page app on 127.0.0.1.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSite } from '../shared/site.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'storefront')

/** The storefront, sending to `collectorUrl` with the SDK build in `sdkDir`. */
export const startStorefront = (collectorUrl, sdkDir) =>
  startSite({ name: 'storefront', root, spa: true, collectorUrl, sdkDir })
