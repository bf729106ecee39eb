import { checkProps } from './propsCheck'
import { toJson } from './serialize'

/** Largest props, as JSON; larger touchpoints are dropped (a beacon carries 64 KiB). */
export const MAX_PROPS_BYTES = 32_000
const TYPE = /^[A-Za-z][\w:.-]{0,63}$/
const shown = (value: unknown) => String(value).slice(0, 40)

/**
 * What `track(type, props)` was given, checked: the props as JSON (written now, so later changes
 * to the app's object do not leak in), or a message saying why the touchpoint is dropped.
 */
export const readInput = (type: unknown, props: unknown): { json: string } | string => {
  if (typeof type !== 'string' || !TYPE.test(type)) {
    return `track(): type '${shown(type)}' is not a name`
  }
  if (typeof props !== 'object' || !props || Array.isArray(props)) {
    return `track('${type}'): props must be an object`
  }
  const checked = checkProps(type, props as Record<string, unknown>)
  if (typeof checked === 'string') return checked
  const json = toJson(checked)
  return json.length > MAX_PROPS_BYTES
    ? `track('${type}'): props over ${MAX_PROPS_BYTES} bytes`
    : { json }
}

/** Why `userId` cannot be used, or undefined when it can. */
export const checkUserId = (userId: unknown): string | undefined =>
  typeof userId === 'string' && userId && userId.length <= 256
    ? undefined
    : 'identify(): userId must be a string of 1 to 256 characters'

/** Why `decision` is no consent decision, or undefined when it is one. */
export const checkDecision = (decision: unknown): string | undefined =>
  decision === 'granted' || decision === 'denied'
    ? undefined
    : `consent(): ${shown(decision)} is not granted or denied`
