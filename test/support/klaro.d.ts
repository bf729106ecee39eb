// Klaro ships no types: the part of its module API the tests call (klaro-js src/lib.js).
declare module 'klaro' {
  export function setup(config: object): void
  export function getManager(config?: object): unknown
  export function show(config?: object, modal?: boolean): boolean
}
