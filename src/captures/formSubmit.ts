import { redactUrl } from '../core/redact'
import type { CaptureSetup } from '../types'

/** Options for the `form_submit` capture. */
export interface FormSubmitOptions {
  /** A selector of forms to skip as well as those marked `data-tt-ignore`. */
  ignore?: string
}

const IGNORE = '[data-tt-ignore]'

/**
 * Emits `form_submit` with the names of a form's fields, never their values. A form, or a field,
 * inside `data-tt-ignore` is left out.
 */
export const captureFormSubmits =
  (options: FormSubmitOptions = {}): CaptureSetup =>
  (emit) => {
    // Through the prototypes, not form.id / form.elements / form.closest: a form's fields are
    // its properties too, and one named "id" or "closest" shadows them.
    // https://github.com/whatwg/html/issues/2720
    const element = Element.prototype
    const controls = Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, 'elements')!.get!
    const onSubmit = (event: Event) => {
      const form = event.target
      if (!(form instanceof HTMLFormElement) || element.closest.call(form, IGNORE)) return
      // Empty catch: a selector the browser cannot parse skips nothing.
      try {
        if (options.ignore && element.matches.call(form, options.ignore)) return
      } catch {}
      const attribute = (name: string) => element.getAttribute.call(form, name) ?? ''
      const fields = new Set<string>()
      for (const field of controls.call(form) as HTMLFormControlsCollection) {
        const name = field.getAttribute('name')
        if (name && !field.closest(IGNORE)) fields.add(name)
      }
      emit('form_submit', {
        formId: attribute('id'),
        action: redactUrl(attribute('action')),
        fields: [...fields],
      })
    }
    // Capture phase: we see the submit before the app's own handler can stopPropagation().
    document.addEventListener('submit', onSubmit, true)
    return () => document.removeEventListener('submit', onSubmit, true)
  }
