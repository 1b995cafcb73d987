// A host app that embeds kopru. Its hono (4.12.x) differs from the one kopru is developed with (4.13.x):
// hono is a peer dependency of kopru, so both use this app's copy.
import { serve } from '@hono/node-server'
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

const app = new Hono()
app.get('/', (c) => c.json({ shop: 'my shop', integrations: '/integrations/docs' }))
app.route('/integrations', kopru.app)
kopru.start()

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`)
})

async function shutdown() {
  server.close()
  await kopru.stop()
  await simulators?.close()
  process.exit(0)
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
