import { expect, it } from 'vitest'
import { toJson } from '../../../src/core/serialize'
import { checkDecision, checkUserId, MAX_PROPS_BYTES, readInput } from '../../../src/core/input'

it('writes valid props as JSON at once: later changes to the object do not leak in', () => {
  const props = { provider: 'intercom', nested: { n: 1 } }
  const input = readInput('chat_open', props)
  props.nested.n = 2
  expect(input).toEqual({ json: '{"provider":"intercom","nested":{"n":1}}' })
})

it.each(['checkout:step.2', 'a', `a${'b'.repeat(63)}`])('takes the type name %j', (type) => {
  expect(readInput(type, {})).toEqual({ json: '{}' })
})

it.each([undefined, '', '1abc', 'has space', 'a/b', `a${'b'.repeat(64)}`, 42])(
  'drops the type %j with a message naming it',
  (type) => {
    expect(readInput(type, {})).toMatch(/^track\(\): type '.*' is not a name$/)
  },
)

it('cuts a long bad type in the message', () => {
  const message = readInput('x'.repeat(500) + '!', {}) as string
  expect(message.length).toBeLessThan(120)
})

it.each([null, 'text', 3, [1, 2]])('drops props %j that are no object', (props) => {
  expect(readInput('chat_open', props)).toBe(`track('chat_open'): props must be an object`)
})

// Props whose JSON is `bytes` long: strings are cut at 2,048 characters, so many fields of 1,000.
const propsOfBytes = (bytes: number) => {
  const props: Record<string, string> = {}
  for (let n = 0; toJson(props).length + 1_010 < bytes; n++) props[`f${n}`] = 'a'.repeat(1_000)
  props.last = ''
  props.last = 'a'.repeat(bytes - toJson(props).length)
  expect(toJson(props).length).toBe(bytes)
  return props
}

it('takes props of exactly MAX_PROPS_BYTES and drops one byte more', () => {
  expect(readInput('x', propsOfBytes(MAX_PROPS_BYTES))).toHaveProperty('json')
  expect(readInput('x', propsOfBytes(MAX_PROPS_BYTES + 1))).toBe(
    `track('x'): props over ${MAX_PROPS_BYTES} bytes`,
  )
})

it.each(['u1', 'u'.repeat(256)])('takes the userId %j', (userId) => {
  expect(checkUserId(userId)).toBeUndefined()
})

it.each(['', 'u'.repeat(257), 42, null, undefined])('refuses the userId %j', (userId) => {
  expect(checkUserId(userId)).toBe('identify(): userId must be a string of 1 to 256 characters')
})

it('takes granted and denied as decisions, nothing else', () => {
  expect(checkDecision('granted')).toBeUndefined()
  expect(checkDecision('denied')).toBeUndefined()
  expect(checkDecision('pending')).toBe(`consent(): pending is not granted or denied`)
  expect(checkDecision(true)).toBe(`consent(): true is not granted or denied`)
})
