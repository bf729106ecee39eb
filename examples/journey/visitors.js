// The visitor list: customers (identified, with how many devices and sites they used) and
// anonymous visitors, each with first channel, counts and stages reached.
import { STAGES, ago, dot, el, label, short } from './dom.js'

const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

const who = (row) =>
  row.kind === 'customer'
    ? el(
        'span',
        { class: 'who', title: `customer ${row.userId}: ${row.anonymousIds.join(', ')}` },
        el('em', {}, row.userId),
      )
    : el(
        'span',
        { class: 'who', title: `${row.anonymousId} on ${row.site}` },
        short(row.anonymousId),
      )

const reach = (row) =>
  row.kind === 'customer'
    ? el(
        'span',
        {
          class: 'reach',
          title: `${plural(row.devices, 'device')}${row.sites.length ? `; sites: ${row.sites.join(', ')}` : ''}`,
        },
        `${plural(row.devices, 'device')} · ${plural(row.sites.length, 'site')}`,
      )
    : el('span', { class: 'reach anon' }, 'anonymous')

/** Lists customers and visitors, most recent first; `onSelect` gets the row's key. */
export const renderVisitors = (list, rows, selected, onSelect) => {
  if (rows.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, 'No visitors yet.'))
    return
  }
  list.replaceChildren(
    ...rows.map((row) =>
      el(
        'li',
        {
          role: 'option',
          class: row.kind,
          'data-key': row.key,
          // The anonymousIds behind the row: one for a visitor, a customer's devices.
          'data-visitor': row.kind === 'visitor' ? row.anonymousId : row.anonymousIds.join(' '),
          'data-customer': row.kind === 'customer' ? row.userId : undefined,
          'aria-selected': String(row.key === selected),
          onclick: () => onSelect(row.key),
        },
        who(row),
        el('span', { class: 'when' }, row.lastSeen ? ago(row.lastSeen) : ''),
        el(
          'span',
          { class: 'meta', title: `first came through ${label(row.firstChannel)}` },
          dot(row.firstChannel),
          label(row.firstChannel),
          ` · ${row.touchpoints} tp · ${plural(row.sessions, 'visit')}`,
        ),
        el(
          'span',
          { class: 'steps', title: `stages reached: ${row.stages.join(', ') || 'none'}` },
          STAGES.map((stage) => el('i', { class: row.stages.includes(stage) ? 'on' : '' })),
        ),
        reach(row),
      ),
    ),
  )
}
