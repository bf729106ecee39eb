// The touchpoint table under the timeline, and a few words for each touchpoint's props.
import { clock, day, dot, el, label } from './dom.js'
import { FRICTION, answerText } from './feeling.js'
import { siteOf } from './customers.js'
import { table } from './table.js'

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
    case 'feedback':
      return (
        `${answerText(p)}${p.question ? ` · “${p.question}”` : ''}` +
        `${p.about ? ` · rates ${label(p.about.type ?? '?')}` : ''}`
      )
    case 'form_abandon':
      return (
        `left form ${p.formId || '(no id)'} after ${((p.dwellMs ?? 0) / 1_000).toFixed(1)} s · ` +
        `changed ${(p.fields ?? []).join(', ')}${p.lastField ? ` · last in ${p.lastField}` : ''}`
      )
    case 'rage_click':
      return `${p.clicks} clicks on ${p.target}`
    case 'purchase':
      return `order ${p.orderId} · ${p.value} ${p.currency}`
    default:
      return JSON.stringify(p).slice(0, 120)
  }
}

/**
 * A table row per touchpoint; `onPick` gets the id of the row clicked. With `devices` (a
 * customer's journey) a column says which device and site each touchpoint came from.
 */
export const detailsTable = (touchpoints, onPick, { devices } = {}) =>
  table({
    head: ['#', 'time', 'touchpoint', 'stage', 'channel', devices ? 'device · site' : undefined]
      .concat(['page', 'details'])
      .filter(Boolean)
      .map((h) => el('th', {}, h)),
    body: touchpoints.map((tp, index) =>
      el(
        'tr',
        {
          'data-id': tp.id,
          class: FRICTION.has(tp.type) ? 'friction' : '',
          onclick: () => onPick(tp.id),
        },
        el('td', {}, String(index + 1)),
        el('td', {}, `${day.format(new Date(tp.ts))} ${clock.format(new Date(tp.ts))}`),
        el('td', {}, label(tp.type)),
        el('td', {}, tp.stage ?? '—'),
        el('td', {}, el('span', { class: 'chip' }, dot(tp.channel), label(tp.channel))),
        devices ? deviceCell(devices.get(tp.anonymousId), tp) : undefined,
        el('td', {}, tp.page.path ?? tp.page.url),
        el('td', { class: 'props' }, describe(tp)),
      ),
    ),
  })

const deviceCell = (device, tp) =>
  el(
    'td',
    { title: tp.anonymousId },
    el(
      'span',
      { class: 'chip' },
      el('span', { class: 'dot', style: `background:${device?.color ?? '#9ca3af'}` }),
      `${device?.name ?? '?'} · ${siteOf(tp)}`,
    ),
  )
