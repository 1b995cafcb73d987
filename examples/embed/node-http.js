// A host app on plain node:http (no framework): requests under /integrations go to kopru, the rest to the host.
// kopru learns its mount point from the Hono route it is mounted on, so it is wrapped in one at /integrations;
// getRequestListener (@hono/node-server) turns that fetch handler into a node:http request listener.
import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { createNodeGateway, startSimulators } from 'kopru/node'
import { providers } from 'kopru/providers'

// Demo mode: the built-in provider simulators stand in for the sandbox environments.
const simulators = process.env.KOPRU_DEMO === '1' ? await startSimulators(providers) : undefined

const kopru = await createNodeGateway({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.KOPRU_DATA_DIR ?? 'memory://',
  encryptionKeys: process.env.KOPRU_ENCRYPTION_KEY,
  adminKey: process.env.KOPRU_ADMIN_KEY,
  simulatorUrls: simulators?.urls,
})
const toKopru = getRequestListener(new Hono().route('/integrations', kopru.app).fetch)
kopru.start()

const server = createServer((req, res) => {
  if (req.url === '/integrations' || req.url?.startsWith('/integrations/')) return toKopru(req, res)
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('my shop')
})
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`)
})

async function shutdown() {
  server.close()
  await kopru.stop()
  await simulators?.close()
  process.exit(0)
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
