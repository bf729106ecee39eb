import type { CaptureSetup } from '../types'

const INTERACTIVE = 'a,button,input,select,textarea,label,summary,[role=button]'
const WINDOW_MS = 1_000
const RADIUS_PX = 30

// Clicks on one element within RADIUS_PX of the first (at x, y), each within WINDOW_MS of the
// one before; `rage` once three of them fell within WINDOW_MS.
interface Burst {
  element: Element
  x: number
  y: number
  times: number[]
  rage: boolean
  timer?: ReturnType<typeof setTimeout>
}

/**
 * Emits `rage_click` once per burst of 3 or more trusted primary clicks within 1 s, each within
 * 30 px of the burst's first, on one element (the nearest interactive ancestor of the target).
 * `target` names it by at most 3 levels of tag#id.class: never text, values or other attributes.
 */
export const captureRageClicks = (): CaptureSetup => (emit) => {
  // Through the prototypes: a form's fields are its properties, and one named "closest" or
  // "parentElement" shadows them. https://github.com/whatwg/html/issues/2720
  const { closest, getAttribute } = Element.prototype
  const parentOf = Object.getOwnPropertyDescriptor(Node.prototype, 'parentElement')!.get!
  const tagOf = Object.getOwnPropertyDescriptor(Element.prototype, 'localName')!.get!
  let burst: Burst | undefined

  const pathOf = (element: Element | null) => {
    const levels: string[] = []
    for (; element && levels.length < 3; element = parentOf.call(element) as Element | null) {
      const tag = tagOf.call(element) as string
      if (tag === 'body' || tag === 'html') break
      const id = getAttribute.call(element, 'id')
      const name = getAttribute.call(element, 'class')?.trim().split(/\s+/)[0]
      levels.unshift(
        tag + (id ? '#' + id.slice(0, 32) : '') + (name ? '.' + name.slice(0, 32) : ''),
      )
    }
    return levels.join(' > ')
  }
  const close = () => {
    if (burst?.rage)
      emit('rage_click', { target: pathOf(burst.element), clicks: burst.times.length })
    clearTimeout(burst?.timer)
    burst = undefined
  }
  const onClick = (event: Event) => {
    const { isTrusted, button, detail, clientX: x, clientY: y, target } = event as MouseEvent
    // detail 0: a click from the keyboard (a held Enter repeats it), not a pointer.
    if (!isTrusted || button || !detail || !(target instanceof Element)) return
    const element = closest.call(target, INTERACTIVE) ?? target
    if (/^(body|html)$/.test(tagOf.call(element)) || closest.call(element, '[data-tt-ignore]')) {
      return
    }
    // A label clicks its control too, at once: that is the same click, not a second element.
    if ((burst?.element as HTMLLabelElement | undefined)?.control === element) return
    const now = event.timeStamp
    if (
      burst &&
      (burst.element !== element ||
        Math.hypot(x - burst.x, y - burst.y) > RADIUS_PX ||
        now - burst.times[burst.times.length - 1]! > WINDOW_MS)
    ) {
      close()
    }
    burst ??= { element, x, y, times: [], rage: false }
    const times = burst.times
    times.push(now)
    if (now - times[times.length - 3]! <= WINDOW_MS) burst.rage = true
    clearTimeout(burst.timer)
    burst.timer = setTimeout(close, WINDOW_MS)
  }
  // Capture phase: an app that stops the click still frustrates the visitor.
  document.addEventListener('click', onClick, true)
  addEventListener('pagehide', close, true)
  return () => {
    close()
    document.removeEventListener('click', onClick, true)
    removeEventListener('pagehide', close, true)
  }
}
