import { listen, type Listening } from '../../src/node/listen.js'

/** Runs a simulator app as a real HTTP server on a free loopback port; close it in afterAll. */
export async function serveSimulator<T extends { app: { fetch(request: Request): Response | Promise<Response> } }>(
  simulator: T,
): Promise<T & { url: string; server: Listening }> {
  const server = await listen(simulator.app)
  return Object.assign(simulator, { url: server.url, server })
}
