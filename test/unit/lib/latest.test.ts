import { expect, it } from 'vitest'
import { createLatest } from '../../../src/lib/latest'

it('gives the id of the latest touchpoint of a type', () => {
  const latest = createLatest()
  expect(latest.of('review_read')).toBeUndefined()
  latest.note('review_read', 'r1')
  latest.note('review_read', 'r2')
  latest.note('chat_open', 'c1')
  expect(latest.of('review_read')).toBe('r2')
  expect(latest.of('chat_open')).toBe('c1')
})

it('starts afresh at each page_view, which is itself the latest page_view', () => {
  const latest = createLatest()
  latest.note('page_view', 'p1')
  latest.note('review_read', 'r1')
  latest.note('page_view', 'p2')
  expect(latest.of('review_read')).toBeUndefined()
  expect(latest.of('page_view')).toBe('p2')
})
