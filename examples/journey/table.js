// The table markup every panel shares: one header row, the body rows, and an optional footer.
import { el } from './dom.js'

/**
 * A <table> with `head` (header cells, or arrays of them) as its one <thead> row, `body` rows and
 * `foot` rows.
 */
export const table = ({ head, body, foot }) =>
  el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...head)),
    el('tbody', {}, body),
    foot === undefined ? undefined : el('tfoot', {}, foot),
  )
