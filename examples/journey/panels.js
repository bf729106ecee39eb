// Loads the answers behind the weak-links and touchpoint-value panels. Each panel's API may be
// missing from a collector (undefined: the panel says "not available"); one failing panel never
// stops the others.
import { getOptionalJson } from './dom.js'
import { MODELS } from './value.js'
import { rankWeakLinks } from './weakLinks.js'

const quietly = (promise) => promise.catch(() => undefined)

/** The weak links: /api/weak-links, else ranked here from /api/satisfaction by type and page. */
export const loadWeakLinks = async () => {
  const ranked = await quietly(getOptionalJson('/api/weak-links'))
  if (ranked) return ranked.rows
  const [byType, byPage] = await Promise.all([
    quietly(getOptionalJson('/api/satisfaction?by=type')),
    quietly(getOptionalJson('/api/satisfaction?by=page')),
  ])
  if (!byType && !byPage) return undefined
  return rankWeakLinks({ byType: byType?.rows, byPage: byPage?.rows })
}

/** Every model's /api/attribution answer for `by`, by model; undefined when there is none. */
export const loadValue = async (by) => {
  const answers = await Promise.all(
    MODELS.map((model) =>
      quietly(getOptionalJson(`/api/attribution?model=${model}&by=${encodeURIComponent(by)}`)),
    ),
  )
  const found = Object.fromEntries(
    MODELS.map((model, index) => [model, answers[index]]).filter(([, answer]) => answer?.rows),
  )
  return Object.keys(found).length ? found : undefined
}
