// What the collector holds after a simulation, in two lines: shared by `npm run demo --
// --simulate N` and `npm run simulate`, which both print it.

/**
 * Asks the collector's API for its totals and logs them with the simulation's result.
 * @param {{ collectorUrl: string, result: { visitors: number, failed: number },
 *   headers?: Record<string, string>, log?: (line: string) => void }} options
 */
export const logSummary = async ({ collectorUrl, result, headers = {}, log = console.log }) => {
  const get = async (path) => {
    const response = await fetch(`${collectorUrl}${path}`, { headers })
    if (!response.ok) throw new Error(`${path} answered ${response.status}`)
    return response.json()
  }
  const [funnel, channels] = await Promise.all([get('/api/funnel'), get('/api/channels')])
  const touchpoints = channels.rows.reduce((sum, row) => sum + row.touchpoints, 0)
  log(
    `\nsimulated ${result.visitors} visitors (${result.failed} failed); the collector holds ` +
      `${touchpoints} touchpoints from ${funnel.visitors} visitors.`,
  )
  log('funnel: ' + funnel.stages.map((s) => `${s.stage} ${s.visitors}`).join(' → '))
}
