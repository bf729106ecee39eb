// The demo shop's checkout form as a visitor fills it: a name, an email and the test card
// 4242 4242 4242 4242 (12/29, cvc 123). The e2e tests check none of it reaches the collector.

/** Fills the checkout form open in `page`; paying is the test's to do. */
export const fillCheckout = async (page, { name, email }) => {
  await page.fill('input[name=name]', name)
  await page.fill('input[name=email]', email)
  await page.fill('input[name=card]', '4242 4242 4242 4242')
  await page.fill('input[name=expiry]', '12/29')
  await page.fill('input[name=cvc]', '123')
}
