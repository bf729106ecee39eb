// Runs the e2e unload and durability tests again and again beside CPU-burning processes, to find
// the rare loss a loaded CI machine shows once: `node scripts/stress.mjs [--runs 30] [--burners 2]`.
// Not part of `npm test`; build first (`npm run build`). Writes each failing run's output to
// test/artifacts/stress-<n>.log and prints one line per run and a summary at the end.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, burners: { type: 'string', default: '2' } },
})
const FILES = ['test/e2e/durability.test.ts', 'test/e2e/faultsNetwork.test.ts']
// The unload, reload and tab tests: where a refactor of the delivery path loses data.
const NAMES = 'navigat|unload|reload|one tab'

// Each burner spins one core for as long as the runs last.
const burners = Array.from({ length: Number(values.burners) }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
)
const stopBurners = () => burners.forEach((burner) => burner.kill('SIGKILL'))
process.on('exit', stopBurners)
// Ctrl-C or a kill: the burners must not outlive the script.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

const runOnce = () =>
  new Promise((resolve) => {
    const started = Date.now()
    const args = ['vitest', 'run', '--project', 'e2e', ...FILES, '-t', NAMES]
    const child = spawn('npx', args, { env: { ...process.env, CI: 'true' } })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => resolve({ code, output, ms: Date.now() - started }))
  })

mkdirSync('test/artifacts', { recursive: true })
const failures = []
for (let run = 1; run <= Number(values.runs); run++) {
  const { code, output, ms } = await runOnce()
  const failed = [...output.matchAll(/FAIL .*?> (.*)/g)].map((match) => match[1].trim())
  const line = `run ${run}: ${code === 0 ? 'pass' : 'FAIL'} in ${(ms / 1000).toFixed(0)} s`
  console.log(failed.length ? `${line}: ${[...new Set(failed)].join('; ')}` : line)
  if (code !== 0) {
    failures.push(run)
    writeFileSync(`test/artifacts/stress-${run}.log`, output)
  }
}
stopBurners()
console.log(
  `${values.runs} runs, ${failures.length} failed${failures.length ? `: ${failures}` : ''}`,
)
process.exit(failures.length ? 1 : 0)
