// A throwaway PostgreSQL server for tests and the load test: Debian's binaries (installed with
// apt-get when missing and we are root, like scripts/chromium.mjs), a fresh cluster in a temp
// folder, one free loopback port, deleted on stop().
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { freePort } from './freePort.mjs'

const ROOT = '/usr/lib/postgresql'

const findBin = () => {
  if (process.env.PG_BIN) return process.env.PG_BIN
  if (!existsSync(ROOT)) return undefined
  // The newest major version first.
  const versions = readdirSync(ROOT).sort((a, b) => Number(b) - Number(a))
  const found = versions
    .map((v) => join(ROOT, v, 'bin'))
    .find((bin) => existsSync(join(bin, 'postgres')))
  return found
}

const install = () => {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'postgresql']]) {
    console.error(`postgres.mjs: running apt-get ${args.join(' ')}`)
    execFileSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env })
  }
}

/** The directory holding initdb and postgres; installs Debian's package when it must and can. */
export const postgresBin = () => {
  let bin = findBin()
  const canInstall =
    process.getuid?.() === 0 &&
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
  if (!bin && canInstall) {
    install()
    bin = findBin()
  }
  if (!bin) {
    throw new Error(
      `postgres.mjs: no PostgreSQL binaries in ${ROOT}/*/bin; install Debian's postgresql ` +
        'package (sudo apt-get install postgresql) or set PG_BIN',
    )
  }
  return bin
}

// PostgreSQL refuses to run as root: as root, run it as the `postgres` user the package makes.
const runAs = () => {
  if (process.getuid?.() !== 0) return {}
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  return { uid: id('-u'), gid: id('-g') }
}

/**
 * Starts a fresh PostgreSQL on 127.0.0.1 and a free port. `durable: false` (the default, for
 * tests) turns fsync off; the load test asks for a durable server.
 * @param {{ durable?: boolean }} [options]
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export const startPostgres = async ({ durable = false } = {}) => {
  const bin = postgresBin()
  const user = runAs()
  const dir = mkdtempSync(join(tmpdir(), 'touchtrail-pg-'))
  const data = join(dir, 'data')
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid)
  const remove = () => rmSync(dir, { recursive: true, force: true })
  try {
    execFileSync(
      join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-sync',
        '--no-instructions',
      ],
      { ...user, stdio: ['ignore', 'ignore', 'pipe'], cwd: dir },
    )
  } catch (error) {
    remove()
    throw new Error(`postgres.mjs: initdb failed: ${error.stderr ?? error.message}`)
  }
  const port = await freePort()
  const settings = durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']
  const server = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      dir,
      '-c',
      'max_connections=200',
    ].concat(settings),
    { ...user, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const exited = new Promise((resolve) => server.once('exit', resolve))
  let log = ''
  try {
    await new Promise((resolve, reject) => {
      server.stderr.on('data', (chunk) => {
        log += chunk
        if (/ready to accept connections/.test(log)) resolve()
      })
      exited.then((code) => reject(new Error(`postgres exited (${code}): ${log}`)))
    })
  } catch (error) {
    remove()
    throw error
  }
  server.stderr.resume()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      // SIGINT: PostgreSQL's fast shutdown (ends sessions, no waiting for clients to leave).
      if (server.exitCode === null) server.kill('SIGINT')
      await exited
      remove()
    },
  }
}

// `node scripts/postgres.mjs`: start one, print its URL, stop on Ctrl-C.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url, stop } = await startPostgres()
  console.log(url)
  process.once('SIGINT', () => stop().then(() => process.exit(0)))
}
