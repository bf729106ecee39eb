/** Route changes of an SPA, from one history watcher that every capture shares. */
export interface Routes {
  /** Calls `listener` right after each `pushState`, `replaceState` and `popstate`; returns stop. */
  onRoute(listener: () => void): () => void
}

/**
 * Watches `history` while anyone listens: wraps `pushState` and `replaceState` at the first
 * listener and puts them back after the last one leaves.
 */
export const watchRoutes = (): Routes => {
  const listeners = new Set<() => void>()
  let unpatch: (() => void)[] = []
  const changed = () => listeners.forEach((listener) => listener())
  const patch = () => {
    unpatch = (['pushState', 'replaceState'] as const).map((method) => {
      const original = history[method]
      const patched = function (this: History, ...args: Parameters<History[typeof method]>) {
        const result = original.apply(this, args)
        changed()
        return result
      }
      history[method] = patched
      // Whoever wrapped us after we wrapped them keeps their wrapper; ours then only passes on.
      return () => {
        if (history[method] === patched) history[method] = original
      }
    })
    addEventListener('popstate', changed)
    unpatch.push(() => removeEventListener('popstate', changed))
  }
  return {
    onRoute: (listener) => {
      if (!listeners.size) patch()
      listeners.add(listener)
      return () => {
        if (listeners.delete(listener) && !listeners.size) unpatch.splice(0).forEach((u) => u())
      }
    },
  }
}
