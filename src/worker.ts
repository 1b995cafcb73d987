/**
 * Cloudflare Workers entry (docs/edge.md). Bindings: DATABASE_URL (or a Hyperdrive binding HYPERDRIVE),
 * KOPRU_ADMIN_KEY, KOPRU_ENCRYPTION_KEY, the Durable Object namespace QUOTA_WINDOWS (provider quotas shared by
 * all isolates) and any KOPRU_* variable of the Node entry. Migrations are applied from Node
 * (`npm run db:migrate`), never at the edge. Each invocation (request or cron tick) gets its own postgres.js
 * client, closed when the invocation's work is done.
 */
import { createGateway, type Gateway } from './app.js'
import { loadConfig } from './config.js'
import { createKeyring, parseKeyList } from './core/crypto.js'
import { createLogger } from './core/logger.js'
import { createMetrics } from './core/metrics.js'
import { openPostgres } from './db/postgres.js'
import { createDurableObjectQuotas, type DurableObjectNamespaceLike } from './edge/durable-quotas.js'
import { background, invocationDb, runInvocation } from './edge/invocation.js'
import { runScheduledWork } from './edge/scheduled.js'
import type { DocsAssets } from './routes/docs.js'
// Bundled as text by wrangler (the `Text` rule in wrangler.toml), so /docs needs no CDN at the edge either.
import swaggerBundle from 'swagger-ui-dist/swagger-ui-bundle.js'
import swaggerCss from 'swagger-ui-dist/swagger-ui.css'

export { QuotaWindow } from './edge/quota-window.js'

const docsAssets: DocsAssets = async (name) => (name === 'swagger-ui-bundle.js' ? swaggerBundle : swaggerCss)

interface WorkerEnv {
  DATABASE_URL?: string
  HYPERDRIVE?: { connectionString: string }
  QUOTA_WINDOWS?: DurableObjectNamespaceLike
  [name: string]: unknown
}

interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void
}

let gateway: Promise<Gateway> | undefined

async function build(env: WorkerEnv): Promise<Gateway> {
  const strings = Object.fromEntries(
    Object.entries(env).filter(([name, v]) => typeof v === 'string' && name !== 'DATABASE_URL'),
  ) as Record<string, string>
  const config = loadConfig(strings)
  if (!config.KOPRU_ENCRYPTION_KEY || !config.KOPRU_ADMIN_KEY) {
    throw new Error('KOPRU_ENCRYPTION_KEY and KOPRU_ADMIN_KEY bindings are required')
  }
  const metrics = createMetrics()
  const logger = createLogger({ level: config.LOG_LEVEL })
  if (!config.KOPRU_CLIENT_IP_HEADER) {
    logger.warn('KOPRU_CLIENT_IP_HEADER is not set: failed console sign-ins of all clients are counted together (set it to cf-connecting-ip)')
  }
  if (!env.QUOTA_WINDOWS) logger.warn('no QUOTA_WINDOWS Durable Object binding: provider quotas are counted per isolate')
  return createGateway({
    db: invocationDb,
    keyring: await createKeyring(parseKeyList(config.KOPRU_ENCRYPTION_KEY)),
    adminKey: config.KOPRU_ADMIN_KEY,
    env: strings,
    publicUrl: config.KOPRU_PUBLIC_URL,
    clientIpHeader: config.KOPRU_CLIENT_IP_HEADER,
    logger,
    metrics,
    upstreamTimeoutMs: config.KOPRU_UPSTREAM_TIMEOUT_MS,
    quotas: config.KOPRU_QUOTAS,
    quotaOverrides: config.KOPRU_QUOTA_OVERRIDES,
    maxQueueMs: config.KOPRU_MAX_QUEUE_MS,
    quotaStore: env.QUOTA_WINDOWS
      ? createDurableObjectQuotas({ namespace: env.QUOTA_WINDOWS, metrics, background, maxHoldMs: config.KOPRU_UPSTREAM_TIMEOUT_MS + 5_000 })
      : undefined,
    events: {
      deliveryBatchSize: config.KOPRU_DELIVERY_BATCH_SIZE,
      deliveryTimeoutMs: config.KOPRU_DELIVERY_TIMEOUT_MS,
      deliveryLeaseMs: config.deliveryLeaseMs,
      eventRetentionMs: config.KOPRU_EVENTS_RETENTION_DAYS * 24 * 3600_000,
      pollIntervals: { orders: config.KOPRU_POLL_ORDERS_INTERVAL_MS, tracking: config.KOPRU_POLL_TRACKING_INTERVAL_MS },
      pollLookbackMs: config.KOPRU_POLL_LOOKBACK_DAYS * 24 * 3600_000,
      inboundReplayWindowMs: config.KOPRU_WEBHOOK_REPLAY_WINDOW_HOURS * 3600_000,
      allowPrivateEndpoints: config.KOPRU_WEBHOOK_ALLOW_PRIVATE,
    },
    docsAssets,
  })
}

/** Opens this invocation's database client, runs `work` with it, and closes it once `work` and its tail are done. */
async function withDatabase<T>(env: WorkerEnv, ctx: ExecutionContextLike, work: (app: Gateway) => Promise<T>, tail?: (app: Gateway) => Promise<unknown>) {
  const url = env.HYPERDRIVE?.connectionString ?? env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL or a HYPERDRIVE binding is required')
  gateway ??= build(env).catch((error) => {
    gateway = undefined
    throw error
  })
  const app = await gateway
  const database = openPostgres(url, { max: 1 })
  const invocation = { db: database.db, waitUntil: (promise: Promise<unknown>) => ctx.waitUntil(promise) }
  return runInvocation(invocation, async () => {
    try {
      return await work(app)
    } finally {
      ctx.waitUntil(
        (tail ? tail(app) : Promise.resolve())
          .catch((error) => app.services.log.error('background work failed', { error: (error as Error).message }))
          .finally(() => database.close()),
      )
    }
  })
}

const readOnly = new Set(['GET', 'HEAD', 'OPTIONS'])

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    try {
      return await withDatabase(
        env,
        ctx,
        async (app) => app.fetch(request, env, ctx as never),
        // A write may have recorded events (inbound webhooks, shipments, connections): push them now rather
        // than at the next cron tick. Delivery claims with leases, so a concurrent tick never sends twice.
        readOnly.has(request.method) ? undefined : (app) => app.services.events.delivery.runOnce(),
      )
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'worker misconfigured', error: (error as Error).message }))
      return new Response('kopru is not configured: see docs/edge.md', { status: 503 })
    }
  },

  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContextLike): Promise<void> {
    await withDatabase(env, ctx, (app) => runScheduledWork(app.services))
  },
}
