/** `text` gzipped by the browser's CompressionStream; undefined where there is none. */
export const gzip = async (text: string): Promise<ArrayBuffer | undefined> => {
  try {
    const stream = new Response(text).body!.pipeThrough(new CompressionStream('gzip'))
    return await new Response(stream).arrayBuffer()
  } catch {
    return undefined // no CompressionStream (a ReferenceError) or it failed: the body goes plain
  }
}

/** `url` with `param` added to its query, before any fragment. */
export const withQuery = (url: string, param: string): string =>
  url.replace(/(?=#|$)/, (/^[^#]*\?/.test(url) ? '&' : '?') + param)
