// The identity join of SPEC §7 ("Customers") on a real DuckDB and a real PostgreSQL: which
// customer each touchpoint is.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CUSTOMER_TOUCHPOINTS } from '../collector/customers.mjs'
import { openTestDb, stopStores, TEST_STORES } from './attribution.db.mjs'

afterAll(() => stopStores())

describe.each(TEST_STORES)('on %s', (store) => {
  let db
  beforeAll(async () => {
    db = await openTestDb(store)
  })
  beforeEach(() => db.clear())
  afterAll(() => db.close())

  const at = (minutes) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString()
  // id → customer key, for every stored touchpoint.
  const customers = async () =>
    Object.fromEntries(
      (await db.query(`SELECT id, customer_key FROM (${CUSTOMER_TOUCHPOINTS}) AS c`)).map((row) => [
        row.id,
        row.customer_key,
      ]),
    )

  describe('customers', () => {
    it('joins two devices identified as one user, with the touchpoints before identify', async () => {
      await db.add([
        { id: 'phone-1', anonymousId: 'phone', ts: at(0) },
        { id: 'phone-2', anonymousId: 'phone', ts: at(1), type: 'identify', userId: 'ann' },
        { id: 'phone-3', anonymousId: 'phone', ts: at(2), userId: 'ann' },
        { id: 'laptop-1', anonymousId: 'laptop', ts: at(60) },
        { id: 'laptop-2', anonymousId: 'laptop', ts: at(61) },
        { id: 'laptop-3', anonymousId: 'laptop', ts: at(62), type: 'identify', userId: 'ann' },
        { id: 'laptop-4', anonymousId: 'laptop', ts: at(63), type: 'purchase', userId: 'ann' },
        { id: 'stranger-1', anonymousId: 'stranger', ts: at(5) },
      ])
      expect(await customers()).toEqual({
        'phone-1': 'u:ann',
        'phone-2': 'u:ann',
        'phone-3': 'u:ann',
        'laptop-1': 'u:ann',
        'laptop-2': 'u:ann',
        'laptop-3': 'u:ann',
        'laptop-4': 'u:ann',
        'stranger-1': 'a:stranger',
      })
    })

    it('splits a shared computer at each identify; what came before the first goes to the first', async () => {
      await db.add([
        { id: 'shared-1', anonymousId: 'shared', ts: at(0) },
        { id: 'shared-2', anonymousId: 'shared', ts: at(1), type: 'identify', userId: 'ann' },
        { id: 'shared-3', anonymousId: 'shared', ts: at(2), userId: 'ann' },
        // ann logs out but the browser keeps its anonymousId: still ann's until the next identify.
        { id: 'shared-4', anonymousId: 'shared', ts: at(3) },
        { id: 'shared-5', anonymousId: 'shared', ts: at(10), type: 'identify', userId: 'bob' },
        { id: 'shared-6', anonymousId: 'shared', ts: at(11), userId: 'bob' },
        { id: 'shared-7', anonymousId: 'shared', ts: at(12) },
        // ann again on the same computer, later.
        { id: 'shared-8', anonymousId: 'shared', ts: at(20), type: 'identify', userId: 'ann' },
        { id: 'shared-9', anonymousId: 'shared', ts: at(21) },
        // bob's own phone joins bob, not ann: a shared anonymousId does not merge its users.
        { id: 'bob-phone-1', anonymousId: 'bob-phone', ts: at(30) },
        { id: 'bob-phone-2', anonymousId: 'bob-phone', ts: at(31), userId: 'bob' },
      ])
      expect(await customers()).toEqual({
        'shared-1': 'u:ann',
        'shared-2': 'u:ann',
        'shared-3': 'u:ann',
        'shared-4': 'u:ann',
        'shared-5': 'u:bob',
        'shared-6': 'u:bob',
        'shared-7': 'u:bob',
        'shared-8': 'u:ann',
        'shared-9': 'u:ann',
        'bob-phone-1': 'u:bob',
        'bob-phone-2': 'u:bob',
      })
    })

    it('keeps a userId apart from an anonymousId spelled the same', async () => {
      await db.add([
        { id: 'a', anonymousId: 'x', ts: at(0) },
        { id: 'b', anonymousId: 'y', ts: at(0), userId: 'x' },
      ])
      expect(await customers()).toEqual({ a: 'a:x', b: 'u:x' })
    })
  })
})
