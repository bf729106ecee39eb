import type { BodyFormat } from '../types'
import { posthogFormat } from './posthogFormat'
import { segmentFormat } from './segmentFormat'

/** The script tag's `data-format` with its `data-write-key`; throws (the tag logs it) otherwise. */
export const formatByName = (name: string, key: string | undefined): BodyFormat => {
  if (key && name === 'segment') return segmentFormat({ writeKey: key })
  if (key && name === 'posthog') return posthogFormat({ apiKey: key })
  throw new Error(
    `data-format must be segment or posthog, with data-write-key: nothing is recorded`,
  )
}
