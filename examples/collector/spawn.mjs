// Runs the collector as its own process (node examples/collector/server.mjs …), for tests and the
// load test that need several processes or one they can kill.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SERVER = fileURLToPath(new URL('./server.mjs', import.meta.url))

/**
 * Starts a collector process with these flags; resolves once it listens.
 * @param {string[]} args e.g. ['--db', url, '--port', '0', '--quiet']
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess,
 *   stop(): Promise<void>, kill(): Promise<void> }>}
 */
export const spawnCollector = (args, { env = process.env } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise((done) => child.once('exit', done))
    let out = ''
    let err = ''
    child.stderr.on('data', (chunk) => (err += chunk))
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /collector: POST (http:\/\/\S+)\/t/.exec(out)
      if (!match) return
      child.stdout.removeAllListeners('data')
      child.stdout.resume()
      const end = async (signal) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal)
        await exited
      }
      resolve({ url: match[1], child, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') })
    })
    exited.then((code) => reject(new Error(`collector exited (${code}): ${err || out}`)))
  })
