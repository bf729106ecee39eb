// A tracked touchpoint before its envelope is built, for the unit tests of the parts it passes.
import type { Draft } from '../../src/core/touchpoint'

/** Draft number `n`: id `d<n>`, tracked at `n` ms, on one fixed page. */
export const draft = (n: number): Draft => ({
  id: `d${n}`,
  type: 'x',
  at: n,
  props: '{}',
  userId: null,
  anonymousId: 'a',
  page: { url: 'https://shop.example/', path: '/', title: '', referrer: '' },
})
