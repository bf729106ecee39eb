// The read API's guard where it matters: off loopback, no token → the collector does not start.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isLoopback } from '../collector/readGuard.mjs'
import { startCollector } from '../collector/server.mjs'

const server = fileURLToPath(new URL('../collector/server.mjs', import.meta.url))

describe('read token off loopback', () => {
  it('refuses to start from code, before opening the store', async () => {
    await expect(startCollector({ host: '0.0.0.0', dbPath: ':memory:' })).rejects.toThrow(
      /not loopback.*--read-token/,
    )
  })

  it('refuses to start from the command line, by flag or by environment, saying why', () => {
    const byFlag = spawnSync(process.execPath, [server, '--host', '0.0.0.0', '--db', ':memory:'], {
      encoding: 'utf8',
      env: { ...process.env, TOUCHTRAIL_READ_TOKEN: '' },
    })
    expect(byFlag.status).toBe(1)
    expect(byFlag.stderr).toMatch(/needs a read token.*TOUCHTRAIL_READ_TOKEN/)
    const byEnv = spawnSync(process.execPath, [server], {
      encoding: 'utf8',
      env: { ...process.env, TOUCHTRAIL_HOST: '10.1.2.3', TOUCHTRAIL_DB: ':memory:' },
    })
    expect(byEnv.status).toBe(1)
    expect(byEnv.stderr).toMatch(/10\.1\.2\.3 \(not loopback\)/)
  })

  it('knows loopback from the rest', () => {
    expect(['127.0.0.1', '127.8.0.1', '::1', 'localhost'].every(isLoopback)).toBe(true)
    expect(['0.0.0.0', '::', '192.168.1.2', '10.0.0.1', '127.0.0.1.nip.io'].some(isLoopback)).toBe(
      false,
    )
  })
})
