// Turns test/artifacts/faults.json (written by the fault-injection suite, test/*/faults*.test.ts)
// into the Markdown table of the README: `node scripts/faultTable.mjs [faults.json]`.
import { readFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const DEFAULT = fileURLToPath(new URL('../test/artifacts/faults.json', import.meta.url))

// Scenarios of the fault list that another suite already measures: listed, not run twice.
const ELSEWHERE = [
  {
    id: 'network/429-retry-after',
    scenario: '`429` + `Retry-After: 2`: nothing sent before 2 s',
    file: 'test/browser/delivery.test.ts',
    note: 'covered by "sends nothing before Retry-After has passed, even when asked to flush"',
  },
]

const HEAD = ['Scenario', 'Sent', 'Delivered', 'Duplicates', 'Lost', 'Requests', 'Result', 'Note']

const cell = (value) =>
  value === undefined || value === null
    ? '–'
    : String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ')

// `expected` below `sent` means the SPEC lets some go (a bound, a denial): say how many were owed.
const sentCell = ({ sent, expected }) =>
  expected !== undefined && expected !== sent ? `${cell(sent)} (owed ${expected})` : cell(sent)

const RESULT = { pass: 'pass', fail: '**FAIL**', skip: 'skipped' }

/** The Markdown table for `rows` (faults.json's values), one line per scenario, by id. */
export const faultTable = (rows) => {
  const all = [...rows, ...ELSEWHERE.filter((ref) => !rows.some((row) => row.id === ref.id))]
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const lines = all.map((row) => [
    cell(row.scenario),
    sentCell(row),
    cell(row.delivered),
    cell(row.duplicates),
    cell(row.lost),
    cell(row.requests),
    row.result ? (RESULT[row.result] ?? cell(row.result)) : `see \`${row.file}\``,
    cell(row.note),
  ])
  return [HEAD, HEAD.map(() => '---'), ...lines].map((line) => `| ${line.join(' | ')} |`).join('\n')
}

const main = () => {
  const path = process.argv[2] ?? DEFAULT
  let rows
  try {
    rows = Object.values(JSON.parse(readFileSync(path, 'utf8')))
  } catch (error) {
    console.error(`faultTable: cannot read ${path}: ${error.message}`)
    console.error('Run the suite first: npx vitest run --project e2e test/e2e/faults*')
    process.exit(1)
  }
  console.log(faultTable(rows))
  const lost = rows.filter((row) => row.lost > 0 && row.expected > 0).length
  const failed = rows.filter((row) => row.result === 'fail').length
  console.log(`\n${rows.length} scenarios: ${failed} failed, ${lost} with touchpoints lost.`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
