// The touchpoint value panel (SPEC §7 "Conversions and touchpoint value"): the share of credit
// each channel (or touchpoint type) gets under every attribution model, side by side, so the
// marketer sees where first-touch and last-touch disagree.
import { dot, el, label } from './dom.js'
import { table } from './table.js'

/** The models of /api/attribution, in the panel's column order. */
export const MODELS = ['first', 'last', 'linear', 'time_decay', 'position', 'markov']
const MODEL_NAMES = {
  first: 'first',
  last: 'last',
  linear: 'linear',
  time_decay: 'decay',
  position: 'position',
  markov: 'markov',
}

const percent = (share) => `${Math.round(share * 100)}%`
const money = (value, currency) => {
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(value)
  } catch {
    return `${Math.round(value)} ${currency ?? ''}`.trim()
  }
}

/**
 * The table's rows: one per key seen under any model, with each model's share (0 when the model
 * gave it nothing), ordered by the chosen model's share. @param {Record<string, object>} answers
 * /api/attribution answers by model (a model missing from it is left out of the columns)
 */
export const valueRows = (answers, model) => {
  const models = MODELS.filter((name) => answers[name])
  const keys = [...new Set(models.flatMap((name) => answers[name].rows.map((row) => row.key)))]
  const shares = new Map(
    models.map((name) => [name, new Map(answers[name].rows.map((row) => [row.key, row]))]),
  )
  const order = answers[model] ? model : models[0]
  return keys
    .map((key) => ({
      key,
      shares: Object.fromEntries(
        models.map((name) => [name, shares.get(name).get(key)?.share ?? 0]),
      ),
      credit: Object.fromEntries(models.map((name) => [name, shares.get(name).get(key)])),
    }))
    .toSorted(
      (a, b) => (b.shares[order] ?? 0) - (a.shares[order] ?? 0) || a.key.localeCompare(b.key),
    )
}

const switchOf = (name, options, chosen, onChange) =>
  el(
    'span',
    { class: 'switch', role: 'radiogroup', 'aria-label': name },
    options.map((option) =>
      el(
        'button',
        {
          type: 'button',
          role: 'radio',
          'data-value': option,
          'aria-checked': String(option === chosen),
          onclick: () => onChange(option),
        },
        MODEL_NAMES[option] ?? option,
      ),
    ),
  )

/**
 * Draws the panel into `container`: the by switch (channel | type), the model switch, and the
 * models-side-by-side table (cells = share). `answers` undefined means the collector has no
 * /api/attribution: a quiet "not available". `on.model(name)` and `on.by(name)` get the switches.
 */
export const renderValue = (container, answers, { model, by, on }) => {
  const controls = el(
    'div',
    { class: 'controls' },
    switchOf('credit by', ['channel', 'type'], by, on.by),
    switchOf('model', MODELS, model, on.model),
  )
  if (answers === undefined) {
    container.replaceChildren(
      controls,
      el(
        'p',
        { class: 'empty unavailable' },
        'Not available: this collector has no ',
        el('code', {}, '/api/attribution'),
        '.',
      ),
    )
    return
  }
  const chosen = answers[model] ?? Object.values(answers)[0]
  if (!chosen || chosen.conversions === 0) {
    container.replaceChildren(
      controls,
      el('p', { class: 'empty' }, 'No conversions yet: no touchpoint has earned credit.'),
    )
    return
  }
  const models = MODELS.filter((name) => answers[name])
  const rows = valueRows(answers, model)
  const hasFirstLast = answers.first && answers.last
  container.replaceChildren(
    controls,
    el(
      'p',
      { class: 'summary' },
      `${Number(chosen.conversions.toFixed(2))} conversions · ${money(chosen.value, chosen.currency)}` +
        ` · credit by ${label(by)} under `,
      el('strong', {}, MODEL_NAMES[chosen.model] ?? model),
    ),
    table({
      head: [
        el('th', {}, by),
        models.map((name) =>
          el(
            'th',
            { class: name === model ? 'chosen' : '', 'data-model': name },
            MODEL_NAMES[name],
          ),
        ),
        hasFirstLast
          ? el('th', { title: 'last-touch share minus first-touch share' }, 'last − first')
          : undefined,
      ],
      body: rows.map((row) => {
        const swing = hasFirstLast ? row.shares.last - row.shares.first : 0
        return el(
          'tr',
          { 'data-key': row.key },
          el(
            'th',
            {},
            el(
              'span',
              { class: 'chip' },
              by === 'channel' ? dot(row.key) : undefined,
              label(row.key),
            ),
          ),
          models.map((name) => {
            const share = row.shares[name]
            const credit = row.credit[name]
            return el(
              'td',
              {
                class: name === model ? 'chosen' : '',
                'data-model': name,
                'data-share': share.toFixed(4),
                title: credit
                  ? `${MODEL_NAMES[name]}: ${credit.conversions.toFixed(2)} conversions, ` +
                    money(credit.value, answers[name].currency)
                  : `${MODEL_NAMES[name]}: no credit`,
                style: `background:rgba(79,70,229,${(0.06 + 0.7 * share).toFixed(2)});color:${share > 0.45 ? '#fff' : '#111827'}`,
              },
              percent(share),
            )
          }),
          hasFirstLast
            ? el(
                'td',
                {
                  class: `swing${Math.abs(swing) >= 0.1 ? ' disagree' : ''}`,
                  'data-swing': swing.toFixed(4),
                },
                `${swing > 0 ? '+' : swing < 0 ? '−' : '±'}${Math.abs(Math.round(swing * 100))} pt`,
              )
            : undefined,
        )
      }),
    }),
  )
}
