// Finds a Chromium for the browser tests and prints its path; installs Debian's when it can.
// Playwright cannot download its own browsers here, so tests launch this one via CHROME_PATH.
import { accessSync, constants } from 'node:fs'
import { execFileSync, spawnSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

/** Flags for a sandbox-less container without a GPU, network or first-run chores. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

// Debian's chromium-browser on Ubuntu is a snap shim that prints a notice and exits: ask for the
// version so a shim like that does not count as found.
const works = (path) => {
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 })
  return run.status === 0 && /chrom/i.test(run.stdout)
}

const find = () => CANDIDATES.find((path) => isExecutable(path) && works(path))

/** CHROME_PATH, or the first Chromium found; undefined when there is none. No install. */
export const findChromium = () => process.env.CHROME_PATH || find()

const hasAptGet = () =>
  spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0

const install = () => {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const steps = [
    ['apt-get', ['update']],
    ['apt-get', ['install', '-y', '--no-install-recommends', 'chromium']],
  ]
  for (const [command, args] of steps) {
    console.error(`chromium.mjs: running ${command} ${args.join(' ')}`)
    execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env })
  }
}

const fail = (message) => {
  console.error(`chromium.mjs: ${message}`)
  console.error(
    'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or point CHROME_PATH\n' +
      'at a Chrome or Chromium binary, e.g. `CHROME_PATH=/opt/google/chrome/chrome npm test`.',
  )
  process.exit(1)
}

const main = () => {
  const fromEnv = process.env.CHROME_PATH
  if (fromEnv) {
    if (!isExecutable(fromEnv)) fail(`CHROME_PATH=${fromEnv} is not an executable file.`)
    console.log(fromEnv)
    return
  }
  let found = find()
  if (!found && process.getuid?.() === 0 && hasAptGet()) {
    console.error("chromium.mjs: no Chromium found; installing Debian's chromium package.")
    try {
      install()
    } catch (error) {
      fail(`installing chromium failed: ${error.message}`)
    }
    found = find()
  }
  if (!found) fail(`no Chromium found (looked at ${CANDIDATES.join(', ')}).`)
  console.log(found)
}

// Run as a script (`node scripts/chromium.mjs`); imported by the test configs for findChromium.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
