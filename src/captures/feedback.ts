import type { CaptureSetup, FeedbackScale } from '../types'

/**
 * Emits `feedback` when the visitor clicks an answer (`data-tt-score`) in a widget
 * (`data-tt-feedback="<scale>"`): once per widget element per page view. `data-tt-question` is
 * the question, `data-tt-about="<type>"` the touchpoint type it rates. The tracker checks the
 * scale and score, so bad markup is dropped there with a message.
 */
export const captureFeedback = (): CaptureSetup => (emit, context) => {
  // Widget elements answered in the page view `view`; a widget rendered anew is a new element.
  let answered = new WeakSet<Element>()
  let view = context.pageViewId()
  const onClick = (event: Event) => {
    const answer = (event.target as Element | null)?.closest?.('[data-tt-score]')
    const widget = answer?.closest('[data-tt-feedback]')
    if (!widget || answer!.closest('[data-tt-ignore]')) return
    if (view !== (view = context.pageViewId())) answered = new WeakSet()
    if (answered.has(widget)) return
    answered.add(widget)
    const attribute = (name: string) => widget.getAttribute('data-tt-' + name)
    const question = attribute('question')
    const type = attribute('about')
    const touchpointId = type && context.latest(type)
    emit('feedback', {
      scale: attribute('feedback') as FeedbackScale,
      // An empty attribute is no score: NaN, which the tracker's check drops, not 0.
      score: Number(answer!.getAttribute('data-tt-score') || NaN),
      ...(question && { question: question.slice(0, 200) }),
      ...(type && { about: touchpointId ? { type, touchpointId } : { type } }),
    })
  }
  // Capture phase: the survey's own handler may stop the click once it has thanked the visitor.
  document.addEventListener('click', onClick, true)
  return () => document.removeEventListener('click', onClick, true)
}
