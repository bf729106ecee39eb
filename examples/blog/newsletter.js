// The newsletter form: the blog's own signup, answered in place. touchtrail's form capture
// records that it was submitted and the field's name ("email"), never what was typed.
document.querySelector('#newsletter')?.addEventListener('submit', (event) => {
  event.preventDefault()
  event.target.replaceChildren(
    Object.assign(document.createElement('p'), {
      className: 'thanks',
      textContent: 'Subscribed: see you on Monday.',
    }),
  )
})
