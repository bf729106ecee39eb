/** The latest touchpoint of each type since the latest `page_view`: what captures link to. */
export interface Latest {
  /** A touchpoint was tracked; a `page_view` starts afresh. */
  note(type: string, id: string): void
  /** Id of the latest touchpoint of `type` on this page view. */
  of(type: string): string | undefined
}

export const createLatest = (): Latest => {
  const ids = new Map<string, string>()
  return {
    note: (type, id) => {
      if (type === 'page_view') ids.clear()
      ids.set(type, id)
    },
    of: (type) => ids.get(type),
  }
}
