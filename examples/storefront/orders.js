// The shop's fake order and account API. A real shop posts the checkout form to its own backend;
// what comes back (an order id and the customer's id) is all the tracker is given. The form's
// values never reach touchtrail.

const KEY = 'northwind:orders'

const load = () => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]')
  } catch {
    return []
  }
}

/**
 * The customer id the backend keeps for an email address: the same on every device, so a
 * customer who logs in on their phone is the one who ordered on their laptop.
 * @param {string} email
 */
export const customerIdOf = async (email) => {
  const bytes = new TextEncoder().encode(email.trim().toLowerCase())
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return `cus_${[...hash.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}

/**
 * "Places" an order and resolves like an API would.
 * @param {{ product: string, email: string, value: number, currency: string }} order
 * @returns {Promise<{ orderId: string, customerId: string }>}
 */
export const placeOrder = async ({ product, email, value, currency }) => {
  await new Promise((resolve) => setTimeout(resolve, 150)) // the network
  const orders = load()
  const customerId = await customerIdOf(email)
  const orderId = `NR-${Math.floor(10_000 + Math.random() * 90_000)}`
  orders.push({ orderId, customerId, product, value, currency, at: new Date().toISOString() })
  localStorage.setItem(KEY, JSON.stringify(orders))
  return { orderId, customerId }
}

/**
 * "Logs in" (the demo takes any password) and resolves with the customer's id.
 * @param {string} email
 */
export const logIn = async (email) => {
  await new Promise((resolve) => setTimeout(resolve, 150))
  return customerIdOf(email)
}

/** The orders placed in this browser, newest first. */
export const listOrders = async () => load().reverse()
