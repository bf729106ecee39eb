import { expect, it } from 'vitest'
import { uuidv7 } from '../../../src/lib/id'

it('makes RFC 9562 version-7 UUIDs, unique, that sort in the order they were made', () => {
  const ids = Array.from({ length: 5_000 }, uuidv7) // many within one millisecond
  for (const id of ids)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  expect(new Set(ids).size).toBe(ids.length)
  expect([...ids].sort()).toEqual(ids)
  const ms = parseInt(ids[0].replace('-', '').slice(0, 12), 16)
  expect(Math.abs(ms - Date.now())).toBeLessThan(60_000)
})
