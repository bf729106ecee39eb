// A webhook receiver for the CRM tests: records every request (headers, raw body, the status it
// answered) and answers what `status(request)` says.
import { createServer } from 'node:http'
import { closeServer, listen } from '../shared/listen.mjs'

/** @param {(request: { body: string, headers: object }) => number} status */
export const startReceiver = async (status = () => 200) => {
  const requests = []
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      request.status = status(request)
      requests.push(request)
      res.writeHead(request.status).end()
    })
  })
  const url = await listen(server, { port: 0, host: '127.0.0.1', name: 'receiver' })
  return { url: `${url}/hook`, requests, close: () => closeServer(server) }
}

/**
 * Checks the order per customer: no request for a customer's event before the 200 of the event
 * before it. Returns the delivered (200) event ids per customer, in order.
 */
export const deliveredPerCustomer = (requests) => {
  const delivered = new Map()
  for (const request of requests) {
    const { event, customer } = JSON.parse(request.body)
    const done = delivered.get(customer.userId) ?? []
    delivered.set(customer.userId, done)
    if (done.includes(event.id)) throw new Error(`${event.id} sent again after its 200`)
    if (request.status === 200) done.push(event.id)
  }
  return delivered
}
