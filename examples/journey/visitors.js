// The visitor list: one row per anonymousId with first channel, counts and stages reached.
import { STAGES, ago, dot, el, label, short } from './dom.js'

/** Lists visitors, most recent first; `onSelect` gets the anonymousId clicked. */
export const renderVisitors = (list, visitors, selected, onSelect) => {
  list.replaceChildren(
    ...visitors.map((visitor) =>
      el(
        'li',
        {
          role: 'option',
          'data-visitor': visitor.anonymousId,
          'aria-selected': String(visitor.anonymousId === selected),
          onclick: () => onSelect(visitor.anonymousId),
        },
        el(
          'span',
          { class: 'who', title: `${visitor.anonymousId} on ${visitor.site}` },
          short(visitor.anonymousId),
          visitor.userId ? el('em', {}, ` · ${visitor.userId}`) : undefined,
        ),
        el('span', { class: 'when' }, ago(visitor.lastSeen)),
        el(
          'span',
          { class: 'meta', title: `first came through ${label(visitor.firstChannel)}` },
          dot(visitor.firstChannel),
          label(visitor.firstChannel),
          ` · ${visitor.touchpoints} tp · ${visitor.sessions} ${visitor.sessions === 1 ? 'visit' : 'visits'}`,
        ),
        el(
          'span',
          { class: 'steps', title: `stages reached: ${visitor.stages.join(', ') || 'none'}` },
          STAGES.map((stage) => el('i', { class: visitor.stages.includes(stage) ? 'on' : '' })),
        ),
      ),
    ),
  )
  if (visitors.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, 'No visitors yet.'))
  }
}
