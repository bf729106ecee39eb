// The shape every CMP driver of the consent browser tests has, real library or stand-in: it
// loads onto the page like the vendor script (with no choice yet, or one an earlier page stored)
// and changes as the visitor's clicks would.
import type { ConsentSource } from 'touchtrail'

/** What the visitor chose on an earlier page, as the CMP finds it when it loads. */
export type StoredChoice = 'none' | 'granted' | 'denied'

/** One CMP on the page, driven as the visitor would drive its banner. */
export interface Cmp {
  /** Puts the CMP on the page and lets it announce itself as the vendor script does. */
  load(stored?: StoredChoice): void | Promise<void>
  /** The visitor accepts (analytics, measurement, all). */
  grant(): void | Promise<void>
  /** The visitor withdraws or rejects. */
  withdraw(): void | Promise<void>
  /** Takes the CMP's and the source's globals off the page again: the page is gone. */
  unload(): void
}

/** A consent source and the CMP it follows. */
export interface CmpCase {
  /** Its `data-consent` name. */
  name: string
  /** The vendor's own code, or a stand-in following the vendor's documentation. */
  kind: 'real' | 'stand-in'
  source: () => ConsentSource
  cmp: () => Cmp
}

/** Takes globals off window, as leaving the page would. */
export const unset = (...names: string[]) =>
  names.forEach((name) => Reflect.deleteProperty(window, name))
