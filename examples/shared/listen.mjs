// Starts a node:http server and turns "port in use" into a sentence a person can act on.

/**
 * Listens on host:port and resolves with the server's URL (port 0 picks a free port).
 * @param {import('node:http').Server} server
 * @param {{ port: number, host: string, name: string }} where
 */
export const listen = (server, { port, host, name }) =>
  new Promise((resolve, reject) => {
    const onError = (error) => {
      server.off('listening', onListening)
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `${name}: port ${port} on ${host} is already in use; ` +
              'stop what uses it or pick another port',
            { cause: error },
          ),
        )
      } else {
        reject(error)
      }
    }
    const onListening = () => {
      server.off('error', onError)
      resolve(`http://${host}:${server.address().port}`)
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })

/** Closes a server, cutting idle keep-alive connections so it does not wait for them. */
export const closeServer = (server) =>
  new Promise((resolve) => {
    server.close(() => resolve())
    server.closeIdleConnections?.()
    // Browsers keep connections open; give in-flight requests a moment, then cut the rest.
    setTimeout(() => server.closeAllConnections?.(), 1_000).unref()
  })
