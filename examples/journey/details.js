// The touchpoint table under the timeline, and a few words for each touchpoint's props.
import { clock, day, dot, el, label } from './dom.js'

// What a touchpoint's props say, in a few words.
export const describe = (tp) => {
  const p = tp.props ?? {}
  switch (tp.type) {
    case 'page_view':
      return `${p.title ?? tp.page.title ?? ''}`
    case 'review_read':
      return (
        `review ${p.reviewId}${p.productId ? ` of ${p.productId}` : ''}` +
        `${p.rating ? ` · ${'★'.repeat(p.rating)}` : ''} · read ${(p.dwellMs / 1_000).toFixed(1)} s`
      )
    case 'chat_open':
      return `${p.provider ?? ''}${p.widget ? ` (${p.widget})` : ''} · ${p.trigger ?? ''}`
    case 'form_submit':
      return `form ${p.formId || '(no id)'} · fields ${(p.fields ?? []).join(', ')}`
    case 'identify':
      return `user ${tp.userId ?? ''}${Object.keys(p.traits ?? {}).length ? ` · ${Object.keys(p.traits).join(', ')}` : ''}`
    case 'page_vitals':
      return ['lcp', 'inp', 'cls', 'fcp', 'ttfb']
        .filter((k) => p[k] !== undefined)
        .map((k) => `${k} ${k === 'cls' ? p[k].toFixed(3) : Math.round(p[k])}`)
        .join(' · ')
    default:
      return JSON.stringify(p).slice(0, 120)
  }
}

/** A table row per touchpoint; `onPick` gets the id of the row clicked. */
export const detailsTable = (touchpoints, onPick) =>
  el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['#', 'time', 'touchpoint', 'stage', 'channel', 'page', 'details'].map((h) =>
          el('th', {}, h),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      touchpoints.map((tp, index) =>
        el(
          'tr',
          { 'data-id': tp.id, onclick: () => onPick(tp.id) },
          el('td', {}, String(index + 1)),
          el('td', {}, `${day.format(new Date(tp.ts))} ${clock.format(new Date(tp.ts))}`),
          el('td', {}, label(tp.type)),
          el('td', {}, tp.stage ?? '—'),
          el('td', {}, el('span', { class: 'chip' }, dot(tp.channel), label(tp.channel))),
          el('td', {}, tp.page.path ?? tp.page.url),
          el('td', { class: 'props' }, describe(tp)),
        ),
      ),
    ),
  )
