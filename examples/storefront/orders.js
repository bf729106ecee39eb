// The shop's fake order API. A real shop posts the checkout form to its own backend; what comes
// back (an order id and the customer's id) is all the tracker is given. The form's values never
// reach touchtrail.

const KEY = 'northwind:orders'

const load = () => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]')
  } catch {
    return []
  }
}

/**
 * "Places" an order for a product and resolves like an API would.
 * @param {{ product: string }} order
 * @returns {Promise<{ orderId: string, customerId: string }>}
 */
export const placeOrder = async ({ product }) => {
  await new Promise((resolve) => setTimeout(resolve, 150)) // the network
  const orders = load()
  // One browser, one customer: the backend would know them by their account or email.
  const customerId = orders[0]?.customerId ?? `cus_${crypto.randomUUID().slice(0, 8)}`
  const orderId = `NR-${Math.floor(10_000 + Math.random() * 90_000)}`
  orders.push({ orderId, customerId, product, at: new Date().toISOString() })
  localStorage.setItem(KEY, JSON.stringify(orders))
  return { orderId, customerId }
}

/** The orders placed in this browser, newest first. */
export const listOrders = async () => load().reverse()
