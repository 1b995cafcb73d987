import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'

export interface Listening {
  url: string
  port: number
  close(): Promise<void>
}

/** Serves a fetch handler on Node; port 0 picks a free port. */
export function listen(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  { port = 0, hostname = '127.0.0.1' }: { port?: number | undefined; hostname?: string | undefined } = {},
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
            server.close(() => done())
          }),
      })
    })
    server.on('error', reject)
  })
}
