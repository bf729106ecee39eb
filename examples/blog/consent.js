// The blog's consent banner. touchtrail runs with data-consent="required": until the visitor
// chooses, it keeps touchpoints in memory only, stores nothing and sends nothing. The choice goes
// to touchtrail through the stub (touchtrail('consent', …)), which works before the SDK has loaded.
//
// The blog keeps its own record of the choice (as any consent banner does) so that it does not
// ask again; that record is written only once the visitor has chosen.
;(() => {
  const KEY = 'brewlog:consent'
  const collector = document.querySelector('script[data-collector]').dataset.collector
  const recorded = () => {
    try {
      return localStorage.getItem(KEY)
    } catch {
      return null
    }
  }

  const decide = (decision) => {
    try {
      localStorage.setItem(KEY, decision)
    } catch {} // storage blocked: the banner asks again next time, which errs on the safe side
    window.touchtrail('consent', decision)
    banner.hidden = true
    update()
  }

  const banner = document.createElement('section')
  banner.className = 'consent'
  banner.setAttribute('aria-label', 'Privacy choices')
  banner.innerHTML = `
    <p><strong>May we record how you use this blog?</strong> Page views, form submissions and
      your answers to “Was this helpful?” (never what you type), to learn which posts help. Nothing is stored or sent until you choose, and
      you can change your mind at any time under “Privacy choices”.</p>
    <div><button type="button" data-choice="denied">Decline</button>
      <button type="button" data-choice="granted" class="primary">Accept</button></div>`
  banner.addEventListener('click', (event) => {
    const choice = event.target.closest('[data-choice]')?.dataset.choice
    if (choice) decide(choice)
  })
  banner.hidden = recorded() !== null
  document.body.append(banner)

  // What touchtrail is doing on this page, read from the outside: the requests the page made to
  // the collector (Resource Timing) and the IndexedDB databases that exist. Neither creates anything.
  const status = document.createElement('aside')
  status.className = 'tt-status'
  status.setAttribute('aria-label', 'touchtrail status')
  document.body.append(status)
  let requests = 0
  new PerformanceObserver((list) => {
    requests += list.getEntries().filter((entry) => entry.name.startsWith(collector)).length
    update()
  }).observe({ type: 'resource', buffered: true })

  const update = async () => {
    const choice = recorded()
    const databases = (await indexedDB.databases?.().catch(() => [])) ?? []
    const state =
      choice === 'granted'
        ? 'accepted: touchpoints are queued in IndexedDB and sent'
        : choice === 'denied'
          ? 'declined: nothing is recorded, stored or sent'
          : 'not chosen yet: touchpoints wait in memory, nothing is stored or sent'
    status.innerHTML = `<strong>touchtrail</strong> · consent ${state}<br>
      requests to the collector: <span data-status="requests">${requests}</span> ·
      IndexedDB: <span data-status="databases">${databases.map((db) => db.name).join(', ') || 'none'}</span>`
  }

  for (const link of document.querySelectorAll('[data-consent-change]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault()
      banner.hidden = false
    })
  }

  // A choice made on an earlier page: tell touchtrail again (it remembers too; this is harmless).
  const choice = recorded()
  if (choice) window.touchtrail('consent', choice)
  update()
  setInterval(update, 1_000)
})()
