/**
 * Cloudflare Workers entry. Bindings: DATABASE_URL (or a Hyperdrive binding HYPERDRIVE), KOPRU_ADMIN_KEY,
 * KOPRU_ENCRYPTION_KEY, and any KOPRU_PROVIDER_* variable. Migrations are applied from Node (`npm run db:migrate`),
 * never at the edge. Workers cannot share a socket between requests, so each request gets its own
 * postgres.js client, closed after the response.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { createGateway, type Gateway } from './app.js'
import { createKeyring, parseKeyList } from './core/crypto.js'
import { createLogger, type LogLevel } from './core/logger.js'
import { openPostgres } from './db/postgres.js'
import type { Database } from './db/types.js'
import type { DocsAssets } from './routes/docs.js'
// Bundled as text by wrangler (the `Text` rule in wrangler.toml), so /docs needs no CDN at the edge either.
import swaggerBundle from 'swagger-ui-dist/swagger-ui-bundle.js'
import swaggerCss from 'swagger-ui-dist/swagger-ui.css'

const docsAssets: DocsAssets = async (name) => (name === 'swagger-ui-bundle.js' ? swaggerBundle : swaggerCss)

interface WorkerEnv {
  DATABASE_URL?: string
  HYPERDRIVE?: { connectionString: string }
  KOPRU_ADMIN_KEY?: string
  KOPRU_ENCRYPTION_KEY?: string
  LOG_LEVEL?: string
  [name: string]: unknown
}

interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void
}

const requestDatabase = new AsyncLocalStorage<Database>()

/** A Database whose every call goes to the current request's client. */
const perRequestDb = new Proxy({} as Database, {
  get(_target, property) {
    const db = requestDatabase.getStore()
    if (!db) throw new Error('database used outside a request')
    const value = (db as unknown as Record<PropertyKey, unknown>)[property]
    return typeof value === 'function' ? value.bind(db) : value
  },
})

let gateway: Promise<Gateway> | undefined

async function build(env: WorkerEnv): Promise<Gateway> {
  if (!env.KOPRU_ENCRYPTION_KEY || !env.KOPRU_ADMIN_KEY) {
    throw new Error('KOPRU_ENCRYPTION_KEY and KOPRU_ADMIN_KEY bindings are required')
  }
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<string, string>
  return createGateway({
    db: perRequestDb,
    keyring: await createKeyring(parseKeyList(env.KOPRU_ENCRYPTION_KEY)),
    adminKey: env.KOPRU_ADMIN_KEY,
    env: strings,
    publicUrl: strings.KOPRU_PUBLIC_URL,
    logger: createLogger({ level: (env.LOG_LEVEL as LogLevel | undefined) ?? 'info' }),
    quotas: env.KOPRU_QUOTAS === 'off' ? 'off' : 'on',
    maxQueueMs: Number(env.KOPRU_MAX_QUEUE_MS) || undefined,
    docsAssets,
  })
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    const url = env.HYPERDRIVE?.connectionString ?? env.DATABASE_URL
    if (!url) return new Response('DATABASE_URL or a HYPERDRIVE binding is required', { status: 500 })
    gateway ??= build(env)
    const app = await gateway
    const database = openPostgres(url, { max: 1 })
    try {
      return await requestDatabase.run(database.db, () => app.fetch(request, env, ctx as never))
    } finally {
      ctx.waitUntil(database.close())
    }
  },
}
