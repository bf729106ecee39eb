/** `text` gzipped by the browser's CompressionStream; undefined where there is none. */
export const gzip = async (text: string): Promise<ArrayBuffer | undefined> => {
  if (typeof CompressionStream !== 'function') return
  try {
    return await new Response(
      new Blob([text]).stream().pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer()
  } catch {
    return undefined // the body goes plain
  }
}

/** `url` with `param` added to its query, before any fragment. */
export const withQuery = (url: string, param: string): string => {
  const end = url.includes('#') ? url.indexOf('#') : url.length
  const head = url.slice(0, end)
  const joint = !head.includes('?') ? '?' : /[?&]$/.test(head) ? '' : '&'
  return head + joint + param + url.slice(end)
}
