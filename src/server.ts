/**
 * Node entry: configuration from the environment, PGlite or PostgreSQL, undici transport, demo seed.
 * `npm start` runs this with the built-in simulators and a demo tenant (KOPRU_DEMO=1 unless production).
 */
import { createGateway } from './app.js'
import { loadConfig } from './config.js'
import { createKeyring, parseKeyList } from './core/crypto.js'
import { createLogger } from './core/logger.js'
import { openDatabase } from './db/open.js'
import { joinDemo, seedDemo } from './node/demo.js'
import { hostOrJoinDemo } from './node/demo-host.js'
import { followKeyRevocations } from './node/key-revocations.js'
import { listen, type Listening } from './node/listen.js'
import { devSecretsFile, loadDevSecrets } from './node/secrets.js'
import { assertKeyringOpensStoredSecrets } from './db/sealed-secrets.js'
import { startSimulators } from './node/simulators.js'
import { createRedisQuotaDatastore } from './node/redis-quotas.js'
import { createUndiciTransport } from './node/undici-transport.js'
import { nodeDocsAssets } from './node/docs-assets.js'
import { providers } from '../providers/index.js'
import { startNodeTracing, tracingRequested } from './node/tracing.js'
import { tuneHeapForServer } from './node/heap-tuning.js'

tuneHeapForServer()

// Since the process started: Node, the transpiler and every module of the gateway are in these figures.
// `npm start` (scripts/start.mjs) transpiles the whole server with esbuild first and says how long it took.
const transpileMs = (globalThis as Record<symbol, unknown>)[Symbol.for('kopru.startup.transpile-ms')]
const phases: Record<string, number> =
  typeof transpileMs === 'number'
    ? { 'transpile (esbuild)': transpileMs, 'node + modules': Math.round(performance.now()) - transpileMs }
    : { 'node + modules': Math.round(performance.now()) }
let lastMark = performance.now()
const mark = (phase: string) => {
  phases[phase] = Math.round(performance.now() - lastMark)
  lastMark = performance.now()
}
const config = loadConfig(process.env)
const log = createLogger({ level: config.LOG_LEVEL })
// The OpenTelemetry SDK is loaded only when an OTLP endpoint is configured (docs/observability.md).
const tracing = tracingRequested(process.env) ? await startNodeTracing(process.env) : undefined
const devSecrets =
  config.KOPRU_ADMIN_KEY && config.KOPRU_ENCRYPTION_KEY
    ? undefined
    : await loadDevSecrets(devSecretsFile({ dataDir: config.KOPRU_DATA_DIR, databaseUrl: config.DATABASE_URL }))
if (devSecrets) {
  log.warn('KOPRU_ADMIN_KEY or KOPRU_ENCRYPTION_KEY not set: using development secrets (never in production)', {
    file: devSecrets.file ?? 'none: throwaway keys for an in-memory database',
  })
}
const adminKey = config.KOPRU_ADMIN_KEY ?? devSecrets!.adminKey
const keyring = await createKeyring(parseKeyList(config.KOPRU_ENCRYPTION_KEY ?? devSecrets!.encryptionKey))
mark('config + secrets')

const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.KOPRU_DATA_DIR, mark })
try {
  await assertKeyringOpensStoredSecrets(database.db, keyring)
} catch (error) {
  console.error((error as Error).message)
  await database.close()
  process.exit(1)
}
const hosting = config.KOPRU_DEMO ? await hostOrJoinDemo(config.DATABASE_URL, database.db, () => startSimulators(providers)) : undefined
const simulators = hosting?.simulators
mark('simulators')
const transport = createUndiciTransport()
// `/ready` is 503 until the demo seed is done: a client starting right away would otherwise find no OAuth app.
let starting: string | null = config.KOPRU_DEMO ? 'seeding the demo tenant' : null
// With PORT=0 the address is known only after listening; registrations happen later, so read it lazily.
let publicUrl: string | undefined = config.KOPRU_PUBLIC_URL
const quotaDatastore = config.REDIS_URL ? createRedisQuotaDatastore(config.REDIS_URL) : undefined
const gateway = createGateway({
  db: database.db,
  keyring,
  adminKey,
  env: process.env,
  simulatorUrls: hosting?.urls,
  transport,
  logger: log,
  upstreamTimeoutMs: config.KOPRU_UPSTREAM_TIMEOUT_MS,
  publicUrl: config.KOPRU_PUBLIC_URL ?? (() => publicUrl),
  clientIpHeader: config.KOPRU_CLIENT_IP_HEADER,
  events: {
    deliveryBatchSize: config.KOPRU_DELIVERY_BATCH_SIZE,
    deliveryTimeoutMs: config.KOPRU_DELIVERY_TIMEOUT_MS,
    deliveryLeaseMs: config.deliveryLeaseMs,
    eventRetentionMs: config.KOPRU_EVENTS_RETENTION_DAYS * 24 * 3600_000,
    pollIntervals: { orders: config.KOPRU_POLL_ORDERS_INTERVAL_MS, tracking: config.KOPRU_POLL_TRACKING_INTERVAL_MS },
    pollLookbackMs: config.KOPRU_POLL_LOOKBACK_DAYS * 24 * 3600_000,
    inboundReplayWindowMs: config.KOPRU_WEBHOOK_REPLAY_WINDOW_HOURS * 3600_000,
    allowPrivateEndpoints: !config.production || config.KOPRU_WEBHOOK_ALLOW_PRIVATE,
  },
  quotas: config.KOPRU_QUOTAS,
  quotaOverrides: config.KOPRU_QUOTA_OVERRIDES,
  maxQueueMs: config.KOPRU_MAX_QUEUE_MS,
  quotaDatastore,
  callLog: {
    enabled: config.KOPRU_CALL_LOG === 'on',
    retentionDays: config.KOPRU_CALL_LOG_RETENTION_DAYS,
    maxRows: config.KOPRU_CALL_LOG_MAX_ROWS,
  },
  notReady: () => starting,
  docsAssets: nodeDocsAssets(),
  tracing: tracing ? { tracerProvider: tracing.tracerProvider } : undefined,
})
const stopFollowingRevocations = await followKeyRevocations(database, gateway)
const server: Listening = await listen(gateway, { port: config.PORT, hostname: config.HOST })
mark('gateway + listen')
const baseUrl = `http://${config.HOST}:${server.port}`
publicUrl ??= baseUrl
// Background work of this instance: outbox delivery and polling (several instances share them safely).
const { delivery, poller } = gateway.services.events
if (config.KOPRU_DELIVERY_INTERVAL_MS > 0) delivery.start(config.KOPRU_DELIVERY_INTERVAL_MS)
if (config.KOPRU_POLL_INTERVAL_MS > 0) poller.start(config.KOPRU_POLL_INTERVAL_MS)
const { inventorySettler } = gateway.services
if (config.KOPRU_INVENTORY_SETTLE_INTERVAL_MS > 0) inventorySettler.start(config.KOPRU_INVENTORY_SETTLE_INTERVAL_MS)

if (config.KOPRU_DEMO && hosting) {
  const demo = simulators ? await seedDemo(gateway, simulators, config.KOPRU_PUBLIC_URL ?? baseUrl) : await joinDemo(gateway)
  mark('demo seed')
  starting = null
  const lines = [
    '',
    `startup: ${JSON.stringify(phases)}`,
    `kopru is ready on ${baseUrl} in ${Math.round(performance.now())} ms (${database.kind}${database.kind === 'pglite' ? `: ${config.KOPRU_DATA_DIR}` : ''})`,
    `  simulators${simulators ? '' : ' (run by another demo instance on this database)'}: ${Object.entries(hosting.urls).map(([id, url]) => `${id} ${url}`).join(', ')}`,
    `  admin key:  ${adminKey}${devSecrets?.file ? `   (kept in ${devSecrets.file})` : ''}`,
    `  tenant key: ${demo.apiKey}   (demo tenant "${demo.tenantName}", new key for this run)`,
    `  connections (Kopru-Connection-Id): ${demo.connections.map((c) => `${c.provider} ${c.id}`).join(', ')}`,
    '',
    'Try:',
    `  curl -s "${baseUrl}/v1/orders?limit=3" -H "Authorization: Bearer ${demo.apiKey}" -H "Kopru-Connection-Id: ${demo.connectionId}"`,
    `  curl -s "${baseUrl}/v1/orders?status=open&limit=2" -H "Authorization: Bearer ${demo.apiKey}" -H "Kopru-Connection-Id: ${demo.connectionId}"`,
    `  curl -s "${baseUrl}/v1/orders/${demo.sampleOrderId}" -H "Authorization: Bearer ${demo.apiKey}" -H "Kopru-Connection-Id: ${demo.connectionId}"`,
    `  curl -s "${baseUrl}/v1/products?limit=2" -H "Authorization: Bearer ${demo.apiKey}" -H "Kopru-Connection-Id: ${demo.connectionId}"`,
    `  curl -s "${baseUrl}/v1/inventory" -H "Authorization: Bearer ${demo.apiKey}" -H "Kopru-Connection-Id: ${demo.connectionId}" -H "Content-Type: application/json" -d '{"items":[{"barcode":"${demo.sampleBarcode}","quantity":25,"price":"239.90"}]}'`,
    `    then: curl -s "${baseUrl}/v1/inventory/jobs/<id>" -H "Authorization: Bearer ${demo.apiKey}"`,
    ...(demo.accountingConnectionId
      ? [
          `  curl -s "${baseUrl}/v1/invoices" -H "Authorization: Bearer ${demo.apiKey}" -H "Kopru-Connection-Id: ${demo.accountingConnectionId}" -H "Idempotency-Key: demo-invoice-${demo.sampleOrderId}" -H "Content-Type: application/json" -d '{"from_order":{"connection_id":"${demo.connectionId}","order_id":"${demo.sampleOrderId}"}}'`,
          `    then (issued within seconds): curl -s "${baseUrl}/v1/invoices/<id>" -H "Authorization: Bearer ${demo.apiKey}"`,
        ]
      : []),
    '',
    `API reference: ${baseUrl}/docs`,
    '',
  ]
  console.log(lines.join('\n'))
} else {
  log.info('kopru listening', { url: baseUrl, database: database.kind, ms: Math.round(performance.now()), startup: phases })
}

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  log.info('shutting down', { signal })
  await Promise.all([delivery.stop(), poller.stop(), inventorySettler.stop()])
  await server.close()
  await stopFollowingRevocations()
  await gateway.services.close()
  await tracing?.shutdown()
  await quotaDatastore?.close()
  await simulators?.close()
  await hosting?.release()
  await transport.close()
  await database.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
