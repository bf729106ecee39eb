// Starts one collector for the browser project; tests reach it via inject('collectorUrl').
import type { TestProject } from 'vitest/node'
import { startCollector } from './collector'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of test/support/collector.ts, without a trailing slash. */
    collectorUrl: string
  }
}

/** Vitest calls this once before the project's tests; what it returns runs after them. */
export const setup = async (project: TestProject) => {
  const collector = await startCollector()
  project.provide('collectorUrl', collector.url)
  return () => collector.close()
}
