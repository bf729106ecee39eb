// GET /api/satisfaction?by=type|page|stage (issue 15, SPEC §3 "Satisfaction and friction"): per
// key, its touchpoints, the feedback answers that rate it, their scores, and its friction
// (form_abandon, rage_click). SQL both DuckDB and PostgreSQL run; rows merged in JS.
import { STAGES } from './validate.mjs'

/** The keys /api/satisfaction groups by. */
export const SATISFACTION_BYS = ['type', 'page', 'stage']

/** Key of a touchpoint with no page path or no stage. */
export const NO_KEY = '(none)'

// A touchpoint's own key. Friction touchpoints count under their own type, page and stage.
const ownKey = {
  type: (t) => `${t}.type`,
  page: (t) => `COALESCE(${t}.page_path, '${NO_KEY}')`,
  stage: (t) => `COALESCE(${t}.stage, '${NO_KEY}')`,
}

// An answer's key: the touchpoint it rates. By type, `about.type` (no `about`: 'feedback'); by
// page and stage, the rated touchpoint's (joined on about.touchpointId), else the answer's own.
const answerKey = {
  type: () => `COALESCE((f.props->'about'->>'type'), 'feedback')`,
  page: () => `COALESCE(CASE WHEN r.id IS NULL THEN f.page_path ELSE r.page_path END, '${NO_KEY}')`,
  stage: () => `COALESCE(CASE WHEN r.id IS NULL THEN f.stage ELSE r.stage END, '${NO_KEY}')`,
}

const count = (where) => `CAST(count(*) FILTER (WHERE ${where}) AS INTEGER)`
const mean = (scale) =>
  `CAST(avg(score) FILTER (WHERE scale = '${scale}') AS DOUBLE PRECISION) AS ${scale}`

const touchpointsSql = (by) => `
  SELECT ${ownKey[by]('t')} AS key, CAST(count(*) AS INTEGER) AS touchpoints,
    ${count(`t.type = 'form_abandon'`)} AS abandons, ${count(`t.type = 'rage_click'`)} AS rage_clicks
  FROM touchpoints AS t GROUP BY 1`

// NPS: % promoters (9–10) − % detractors (0–6) of the nps answers; thumbs: % of thumbs up.
const answersSql = (by) => `
  SELECT key, CAST(count(*) AS INTEGER) AS answers, ${mean('csat')}, ${mean('ces')},
    CAST(100.0 * (${count(`scale = 'nps' AND score >= 9`)} - ${count(`scale = 'nps' AND score <= 6`)})
      / NULLIF(${count(`scale = 'nps'`)}, 0) AS DOUBLE PRECISION) AS nps,
    CAST(100.0 * avg(score) FILTER (WHERE scale = 'thumbs') AS DOUBLE PRECISION) AS thumbs
  FROM (
    SELECT ${answerKey[by]()} AS key, (f.props->>'scale') AS scale,
      CAST((f.props->>'score') AS INTEGER) AS score
    FROM touchpoints AS f
    LEFT JOIN touchpoints AS r ON r.id = (f.props->'about'->>'touchpointId')
    WHERE f.type = 'feedback'
  ) AS answers GROUP BY key`

const round = (value) =>
  value === null || value === undefined ? null : Math.round(value * 100) / 100

// Stages in funnel order, then the rest by touchpoints.
const order = (by) => (a, b) => {
  if (by === 'stage') {
    const rank = (key) => (STAGES.includes(key) ? STAGES.indexOf(key) : STAGES.length)
    if (rank(a.key) !== rank(b.key)) return rank(a.key) - rank(b.key)
  }
  return b.touchpoints - a.touchpoints || b.answers - a.answers || (a.key < b.key ? -1 : 1)
}

/** The row of a key before its counts and answers fill it in: nothing counted, no score. */
export const emptyRow = (key) => ({
  key,
  touchpoints: 0,
  answers: 0,
  csat: null,
  nps: null,
  ces: null,
  thumbs: null,
  abandons: 0,
  rageClicks: 0,
})

/**
 * Rows `{ key, touchpoints, answers, csat, nps, ces, thumbs, abandons, rageClicks }`; a score
 * is null when its key has no answer on that scale; scores rounded to 2 decimals.
 * @param {{ read(sql: string, params?: unknown[]): Promise<object[]> }} store
 * @param {'type' | 'page' | 'stage'} by
 */
export const satisfaction = async ({ read }, by) => {
  if (!SATISFACTION_BYS.includes(by)) {
    throw new RangeError(`by must be one of ${SATISFACTION_BYS.join(', ')}`)
  }
  const [counted, answered] = await Promise.all([read(touchpointsSql(by)), read(answersSql(by))])
  const rows = new Map()
  const row = (key) => rows.get(key) ?? rows.set(key, emptyRow(key)).get(key)
  for (const { key, touchpoints, abandons, rage_clicks: rageClicks } of counted) {
    Object.assign(row(key), { touchpoints, abandons, rageClicks })
  }
  for (const { key, answers, csat, nps, ces, thumbs } of answered) {
    Object.assign(row(key), { answers, csat: round(csat), nps: round(nps), ces: round(ces) })
    row(key).thumbs = round(thumbs)
  }
  return [...rows.values()].sort(order(by))
}
