import type { BodyFormat } from '../types'
import { posthogFormat } from './posthogFormat'
import { segmentFormat } from './segmentFormat'

/** The script tag's `data-format` with its `data-write-key`; undefined for an unknown name or no key. */
export const formatByName = (name: string, key: string | undefined): BodyFormat | undefined => {
  if (!key) return
  if (name === 'segment') return segmentFormat({ writeKey: key })
  if (name === 'posthog') return posthogFormat({ apiKey: key })
}
