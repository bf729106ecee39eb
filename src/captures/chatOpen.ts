import type { CaptureSetup } from '../types'

/** Options for the `chat_open` click capture. */
export interface ChatOpenOptions {
  /** Provider named when `data-tt-chat` is empty. @defaultValue 'custom' */
  provider?: string
}

/**
 * Emits `chat_open` (trigger `click`) when an element with `data-tt-chat` is clicked: the
 * attribute names the provider, `data-tt-widget` the widget.
 */
export const captureChatOpens =
  (options: ChatOpenOptions = {}): CaptureSetup =>
  (emit) => {
    const onClick = (event: Event) => {
      const target = event.target as Element | null
      const chat = target?.closest?.('[data-tt-chat]')
      if (!chat || chat.closest('[data-tt-ignore]')) return
      const widget = chat.getAttribute('data-tt-widget')
      emit('chat_open', {
        provider: chat.getAttribute('data-tt-chat') || options.provider || 'custom',
        ...(widget && { widget }),
        trigger: 'click',
      })
    }
    // Capture phase: the app's handler may stop the click once it has opened its chat.
    document.addEventListener('click', onClick, true)
    return () => document.removeEventListener('click', onClick, true)
  }
