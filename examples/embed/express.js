// A host app on Express (4 or 5): kopru is mounted under /integrations with nodeHandler from kopru/node.
// Mount it before a global body parser; kopru reads its own bodies (provider webhooks need the exact bytes).
import express from 'express'
import { createNodeGateway, nodeHandler, startSimulators } from 'kopru/node'
import { providers } from 'kopru/providers'

const simulators = process.env.KOPRU_DEMO === '1' ? await startSimulators(providers) : undefined

const kopru = await createNodeGateway({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.KOPRU_DATA_DIR ?? 'memory://',
  encryptionKeys: process.env.KOPRU_ENCRYPTION_KEY,
  adminKey: process.env.KOPRU_ADMIN_KEY,
  simulatorUrls: simulators?.urls,
})
kopru.start()

const app = express()
app.use('/integrations', nodeHandler(kopru.app, { basePath: '/integrations' }))
app.use(express.json()) // the host's own routes below; kopru would also cope with it in front (docs/packaging.md)
app.get('/', (_req, res) => res.send('my shop'))

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
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
