import type { CaptureSetup, PageInfo } from '../types'

// A changed form not yet left: its changed field names in first-change order, when the first
// change came, the page it was on, and when it was seen out of the document.
interface Changed {
  fields: string[]
  at: number
  page: PageInfo
  removedAt?: number
}

const IGNORE = '[data-tt-ignore]'
/** How long around an SPA route change a removed form counts as left. */
const ROUTE_WINDOW_MS = 1_000

/**
 * Emits `form_abandon` for a form whose named fields changed (first `input` or `change`; values
 * are never read) and that is left without a submit: at `pagehide`, or removed from the document
 * within a second of an SPA route change (before it or after). Once per form per page view; never for a submitted
 * form, nor for `data-tt-ignore` forms or fields.
 */
export const captureFormAbandons = (): CaptureSetup => (emit, context) => {
  // Through the prototypes, not form.getAttribute / form.closest: a form's fields are its
  // properties too, and one named "closest" shadows it. https://github.com/whatwg/html/issues/2720
  const { closest, getAttribute } = Element.prototype
  const changed = new Map<HTMLFormElement, Changed>()
  const lastFocus = new WeakMap<HTMLFormElement, string | null>()
  // Forms left or submitted in the page view `view`: not abandoned again in it.
  let done = new WeakSet<HTMLFormElement>()
  let view = context.pageViewId()

  // The field's form owner (a form= attribute included), and its name unless it is ignored.
  const ownerOf = (event: Event) => {
    const field = event.target as HTMLInputElement | null
    const form = field?.form
    if (!(form instanceof HTMLFormElement) || closest.call(form, IGNORE)) return []
    return [form, !field!.closest(IGNORE) && field!.getAttribute('name')] as const
  }
  const onChange = (event: Event) => {
    const [form, name] = ownerOf(event)
    if (!form || !name) return
    if (view !== (view = context.pageViewId())) done = new WeakSet()
    if (done.has(form)) return
    const entry = changed.get(form)
    if (!entry) {
      changed.set(form, { fields: [name], at: performance.now(), page: context.page() })
      removals.observe(document, { childList: true, subtree: true })
    } else if (!entry.fields.includes(name)) entry.fields.push(name)
  }
  const onFocus = (event: Event) => {
    const [form, name] = ownerOf(event)
    if (form) lastFocus.set(form, name || null)
  }
  const onSubmit = (event: Event) => {
    const form = event.target as HTMLFormElement
    changed.delete(form)
    done.add(form)
  }
  const leave = (form: HTMLFormElement, at: number) => {
    const entry = changed.get(form)!
    changed.delete(form)
    done.add(form)
    emit(
      'form_abandon',
      {
        formId: getAttribute.call(form, 'id') || getAttribute.call(form, 'name') || '',
        fields: entry.fields,
        lastField: lastFocus.get(form) ?? null,
        dwellMs: Math.round(at - entry.at),
      },
      entry.page,
    )
  }
  // When each changed form left the document. Some routers render the next page before they
  // call pushState (Next.js commits, then updates the URL), so a form may go just before.
  const removals = new MutationObserver(() => {
    const now = performance.now()
    for (const [form, entry] of changed) {
      entry.removedAt = form.isConnected ? undefined : (entry.removedAt ?? now)
    }
  })
  // Leaving by route: the forms on the page at a route change, or removed within the second
  // before (or in this very task: no removal time yet), if out of the document a second later.
  // Their time ends at the route change. A form removed with no route change near (a closed
  // dialog) is not left, and is forgotten here.
  const windows = new Map<ReturnType<typeof setTimeout>, HTMLFormElement[]>()
  const onRoute = () => {
    const at = performance.now()
    const forms: HTMLFormElement[] = []
    for (const [form, { removedAt = at }] of changed) {
      if (form.isConnected || at - removedAt <= ROUTE_WINDOW_MS) forms.push(form)
      else changed.delete(form)
    }
    const timer = setTimeout(() => {
      windows.delete(timer)
      for (const form of forms) if (changed.has(form) && !form.isConnected) leave(form, at)
    }, ROUTE_WINDOW_MS)
    windows.set(timer, forms)
  }
  // Synchronously in pagehide: the tracker's own pagehide listener, added before any capture's,
  // has readied it to store and send what is emitted now.
  const onHide = () => {
    const at = performance.now()
    const routed = [...windows.values()].flat()
    for (const form of [...changed.keys()]) {
      if (form.isConnected || routed.includes(form)) leave(form, at)
    }
  }
  const listeners = [
    ['input', onChange],
    ['change', onChange],
    ['focusin', onFocus],
    ['submit', onSubmit],
  ] as const
  // Capture phase: the app's handlers cannot stop us seeing a change or a submit.
  for (const [type, listener] of listeners) document.addEventListener(type, listener, true)
  addEventListener('pagehide', onHide, true)
  const stopRoutes = context.onRoute(onRoute)
  return () => {
    for (const [type, listener] of listeners) document.removeEventListener(type, listener, true)
    removeEventListener('pagehide', onHide, true)
    stopRoutes()
    removals.disconnect()
    windows.forEach((_, timer) => clearTimeout(timer))
    windows.clear()
  }
}
