// GET /api/satisfaction and /api/weak-links over real HTTP on both stores: each answer counts
// under the touchpoint it rates, NPS and thumbs are percentages, friction counts where it happened.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCollector } from '../collector/server.mjs'
import { batchBody, touchpoint } from './helpers.mjs'
import { STORES } from './stores.mjs'

const at = (path, stage) => ({
  page: { url: `https://shop.example${path}`, path, title: path, referrer: '' },
  stage,
})
const answer = (scale, score, about, where = at('/thanks', 'retention')) =>
  touchpoint({ type: 'feedback', props: { scale, score, ...(about ? { about } : {}) }, ...where })

// A chat on /p/1 rated twice (once by id from another page), NPS with no `about`, thumbs on
// reviews, CES on a checkout form, and friction on /checkout and /p/1.
const chat = touchpoint({ type: 'chat_open', props: {}, ...at('/p/1', 'consideration') })
const form = touchpoint({ type: 'form_submit', props: {}, ...at('/checkout', 'purchase') })
const TOUCHPOINTS = [
  touchpoint({ ...at('/p/1', 'consideration') }),
  touchpoint({ ...at('/checkout', 'purchase') }),
  chat,
  form,
  answer('csat', 2, { type: 'chat_open', touchpointId: chat.id }),
  answer('csat', 5, { type: 'chat_open' }, at('/p/2', 'consideration')),
  ...[10, 9, 9, 7, 3].map((score) => answer('nps', score, undefined, at('/thanks', 'retention'))),
  ...[1, 1, 0].map((score) =>
    answer('thumbs', score, { type: 'review_read' }, at('/p/1', 'consideration')),
  ),
  answer('ces', 6, { type: 'form_submit', touchpointId: form.id }),
  answer('ces', 3, { type: 'form_submit', touchpointId: form.id }),
  ...[1, 2].map(() =>
    touchpoint({ type: 'form_abandon', props: {}, ...at('/checkout', 'purchase') }),
  ),
  touchpoint({ type: 'rage_click', props: {}, ...at('/checkout', 'purchase') }),
  touchpoint({ type: 'rage_click', props: {}, ...at('/p/1', 'consideration') }),
]

const empty = { csat: null, nps: null, ces: null, thumbs: null, abandons: 0, rageClicks: 0 }

describe.each(STORES)('satisfaction on $name', (store) => {
  let db
  let collector
  const get = async (path) => {
    const response = await fetch(`${collector.url}${path}`)
    return { status: response.status, body: await response.json() }
  }
  const rows = async (by) => (await get(`/api/satisfaction?by=${by}`)).body.rows

  beforeEach(async () => {
    db = await store.fresh()
    collector = await startCollector({ dbPath: db.path })
    const response = await fetch(`${collector.url}/t`, {
      method: 'POST',
      body: batchBody(TOUCHPOINTS),
    })
    expect((await response.json()).accepted).toBe(TOUCHPOINTS.length)
  })
  afterEach(async () => {
    await collector.close()
    db.remove()
  })
  afterAll(() => store.stop())

  it('by type: answers under the rated type, no `about` under feedback', async () => {
    const byKey = Object.fromEntries((await rows('type')).map((row) => [row.key, row]))
    expect(byKey.chat_open).toEqual({
      ...empty,
      key: 'chat_open',
      touchpoints: 1,
      answers: 2,
      csat: 3.5,
    })
    // 3 promoters, 1 detractor of 5: 60 % − 20 %.
    expect(byKey.feedback).toEqual({
      ...empty,
      key: 'feedback',
      touchpoints: 12,
      answers: 5,
      nps: 40,
    })
    // Rated, never seen: a row with answers and no touchpoints.
    expect(byKey.review_read).toEqual({
      ...empty,
      key: 'review_read',
      touchpoints: 0,
      answers: 3,
      thumbs: 66.67,
    })
    expect(byKey.form_submit).toMatchObject({ touchpoints: 1, answers: 2, ces: 4.5 })
    expect(byKey.form_abandon).toEqual({
      ...empty,
      key: 'form_abandon',
      touchpoints: 2,
      answers: 0,
      abandons: 2,
    })
    expect(byKey.rage_click).toMatchObject({ touchpoints: 2, answers: 0, rageClicks: 2 })
    expect(byKey.page_view).toEqual({ ...empty, key: 'page_view', touchpoints: 2, answers: 0 })
  })

  it('by page: an answer with a touchpointId counts on the rated page, else its own', async () => {
    const byKey = Object.fromEntries((await rows('page')).map((row) => [row.key, row]))
    // The csat 2 was given on /thanks but rates the chat on /p/1; the csat 5 names no id.
    expect(byKey['/p/1']).toMatchObject({ answers: 4, csat: 2, thumbs: 66.67, rageClicks: 1 })
    expect(byKey['/p/2']).toMatchObject({ answers: 1, csat: 5 })
    expect(byKey['/checkout']).toMatchObject({
      touchpoints: 5,
      answers: 2,
      ces: 4.5,
      abandons: 2,
      rageClicks: 1,
    })
    expect(byKey['/thanks']).toMatchObject({ touchpoints: 8, answers: 5, nps: 40, csat: null })
  })

  it('by stage: in funnel order, rated stage first', async () => {
    const answer = await rows('stage')
    expect(answer.map((row) => row.key)).toEqual(['consideration', 'purchase', 'retention'])
    const [consideration, purchase, retention] = answer
    expect(consideration).toMatchObject({ answers: 5, csat: 3.5, thumbs: 66.67, rageClicks: 1 })
    expect(purchase).toMatchObject({ answers: 2, ces: 4.5, abandons: 2, rageClicks: 1 })
    expect(retention).toMatchObject({ answers: 5, nps: 40 })
  })

  it('answers 400 to an unknown by', async () => {
    const answer = await get('/api/satisfaction?by=channel')
    expect(answer.status).toBe(400)
    expect(answer.body.error).toMatch(/type, page, stage/)
  })

  it('ranks the weak links: the friction-heavy checkout page, then the low-rated chat', async () => {
    const { body } = await get('/api/weak-links')
    expect(body.rows.map(({ kind, key }) => `${kind}:${key}`)).toEqual([
      'page:/checkout',
      'page:/p/1',
      'type:form_submit',
      'type:chat_open',
      'type:review_read',
      'page:/thanks',
    ])
    // /checkout: friction 3/5 is the worst rate (1), CES 4.5 → (1 − 3.5 / 6): (1 + 0.417) / 2.
    // /p/2 had only a csat 5 and no friction: not a weak link.
    expect(body.rows[0]).toMatchObject({ score: 0.708, friction: 1, abandons: 2, rageClicks: 1 })
  })
})
