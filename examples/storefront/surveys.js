// The shop's own survey widgets. touchtrail draws none: its feedback capture reads this markup
// (data-tt-feedback, data-tt-score, data-tt-about) when the visitor clicks an answer.

/**
 * A survey's markup: one button per score from `low` to `high`.
 * @param {{ scale: string, about: string, question: string, low: number, high: number,
 *   labels?: [string, string], className?: string }} survey
 */
export const surveyHtml = ({ scale, about, question, low, high, labels, className = '' }) => `
  <div class="survey ${className}" data-tt-feedback="${scale}" data-tt-about="${about}"
    data-tt-question="${question}" role="group" aria-label="${question}">
    <p>${question}</p>
    <div class="scores">${Array.from(
      { length: high - low + 1 },
      (_, i) => `<button type="button" data-tt-score="${low + i}">${low + i}</button>`,
    ).join('')}</div>
    ${labels ? `<p class="ends"><span>${labels[0]}</span><span>${labels[1]}</span></p>` : ''}
  </div>`

/** Thanks the visitor in place of a survey they answered (touchpoint capture saw the click first). */
export const thankOnAnswer = (root) =>
  root.addEventListener('click', (event) => {
    const survey = event.target.closest?.('.survey [data-tt-score]')?.closest('.survey')
    if (survey) survey.innerHTML = '<p class="thanks">Thanks for telling us.</p>'
  })
