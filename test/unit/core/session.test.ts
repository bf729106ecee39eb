import { expect, it } from 'vitest'
import { nextSession, SESSION_MS, type Session } from '../../../src/core/session'

let n = 0
const newId = () => `s${++n}`
const T = Date.parse('2026-01-01T00:00:00Z')
const open: Session = { id: 'open', lastAt: T, channel: 'social', campaignKey: 'fb|social|nov' }

it('starts a session from the arrival, direct when there is none', () => {
  expect(nextSession(undefined, T, { channel: 'email' }, newId)).toMatchObject({
    session: { channel: 'email', lastAt: T },
    started: true,
  })
  expect(nextSession(undefined, T, undefined, newId)).toMatchObject({
    session: { channel: 'direct' },
    started: true,
  })
})

it('keeps a session for 30 minutes of quiet, then starts a new one', () => {
  expect(nextSession(open, T + SESSION_MS, undefined, newId)).toEqual({
    session: { ...open, lastAt: T + SESSION_MS },
    started: false,
  })
  const later = nextSession(open, T + SESSION_MS + 1, { channel: 'direct' }, newId)
  expect(later.started).toBe(true)
  expect(later.session.id).not.toBe('open')
  expect(later.session.channel).toBe('direct')
})

it('starts a new session when another campaign arrives, not for a plain return', () => {
  expect(
    nextSession(open, T + 1, { channel: 'email', campaignKey: 'news|email|dec' }, newId).started,
  ).toBe(true)
  expect(
    nextSession(open, T + 1, { channel: 'social', campaignKey: 'fb|social|nov' }, newId).started,
  ).toBe(false)
  expect(nextSession(open, T + 1, { channel: 'organic_search' }, newId).started).toBe(false)
})
