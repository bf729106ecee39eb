/** Flags for a sandbox-less container without a GPU, network or first-run chores. */
export declare const chromiumArgs: string[]
/** CHROME_PATH, or the first Chromium found; undefined when there is none. No install. */
export declare const findChromium: () => string | undefined
