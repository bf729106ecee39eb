/** The package version, put in by tsup's `define` (see tsup.config.ts). */
declare const __VERSION__: string
