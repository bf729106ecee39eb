// "Was this helpful?" under each post: the blog's own widget. touchtrail's feedback capture
// records the answer (a thumbs touchpoint about this page view) from the markup; this only thanks.
document.querySelector('.helpful')?.addEventListener('click', (event) => {
  const answer = event.target.closest('[data-tt-score]')
  if (!answer) return
  event.currentTarget.replaceChildren(
    Object.assign(document.createElement('p'), {
      className: 'thanks',
      textContent:
        answer.dataset.ttScore === '1' ? 'Glad it helped.' : 'Thanks: we will make it clearer.',
    }),
  )
})
