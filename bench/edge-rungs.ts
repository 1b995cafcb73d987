/**
 * The rungs of the edge's ablation ladder (bench/edge-ladder.ts, bench/edge-ab.ts), each an app answering
 * `GET /v1/orders/{id}` in process:
 *   bare      Hono, one route answering the unified order with `c.json` (what any gateway pays for Hono itself)
 *   routes    + the gateway's order route group (GatewayRoutes: the synchronous query/path/header validator)
 *   request   + the gatewayRequest middleware (id, secrets, logger, scope, metrics, the Kopru-Request-Id header)
 *   auth      + tenantAuth (API key from its cache)
 *   gateway   the whole gateway (every route group, the pipeline, the call log) over a canned Trendyol answer
 * The rungs below the whole gateway answer with the order the gateway itself produced, without the pipeline.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { createTrendyolSimulator } from '../providers/trendyol/simulator.js'
import { createGateway } from '../src/app.js'
import { createApiKeys } from '../src/core/api-keys.js'
import { createKeyring } from '../src/core/crypto.js'
import { KopruError } from '../src/core/errors.js'
import { createLogger } from '../src/core/logger.js'
import { createMetrics } from '../src/core/metrics.js'
import { backgroundScope } from '../src/core/request-scope.js'
import type { GatewayServices } from '../src/core/services.js'
import type { Transport } from '../src/core/transport.js'
import { openDatabase } from '../src/db/open.js'
import type { TenantRepository } from '../src/db/tenants.js'
import { tenantAuth } from '../src/http/auth.js'
import { bodyLimit } from '../src/http/body-limit.js'
import { gatewayRequest } from '../src/http/gateway-request.js'
import { onError, problemResponse } from '../src/http/problem.js'
import type { GatewayEnv } from '../src/http/types.js'
import { validationHook } from '../src/http/validation.js'
import { issueApiKey } from '../src/routes/admin.js'
import { orderRoutes } from '../src/routes/orders.js'
import { withRaw } from '../src/routes/unified.js'

export type Rung = [string, { request(url: string, init: RequestInit): Response | Promise<Response> }]

export async function edgeRungs(): Promise<{ rungs: Rung[]; url: string; headers: Record<string, string>; close(): Promise<void> }> {
  const sim = createTrendyolSimulator()
  const pkg = sim.seller().packages[0]!
  const page = JSON.stringify({ page: 0, size: 1, totalPages: 1, totalElements: 1, content: [pkg] })
  const canned: Transport = async () => ({ status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: null, text: async () => page })

  const database = await openDatabase({ dataDir: 'memory://' })
  const log = createLogger({ level: 'warn' })
  const gateway = createGateway({
    db: database.db,
    keyring: await createKeyring([new Uint8Array(32).fill(7)]),
    adminKey: 'kpr_admin_bench_0123456789abcdef',
    transport: canned,
    quotas: 'off',
    logger: log,
  })
  await gateway.services.tenants.create({ id: 'ten_cpu', name: 'cpu', createdAt: new Date() })
  const { key } = await issueApiKey(gateway.services, 'ten_cpu')
  const credentials = { seller_id: '100200', api_key: 'k', api_secret: 's' }
  const connection = await gateway.services.connections.create({ tenantId: 'ten_cpu', provider: 'trendyol', credentials }, backgroundScope('req_cpu'))
  const headers = { authorization: `Bearer ${key}`, 'kopru-connection-id': connection.info.id }
  const url = `http://kopru.local/v1/orders/${pkg.id}`
  const order = await (await gateway.request(`${url}?include=raw`, { headers })).json()

  // The rungs below the whole gateway answer with the order the gateway itself produced, without the pipeline.
  const runner = { run: async () => ({ result: order }) } as unknown as GatewayServices['runner']
  const apiKeys = createApiKeys({ tenants: { findApiKeyByHash: async () => ({ id: 'key_cpu', tenantId: 'ten_cpu' }) } as unknown as TenantRepository })
  const limitBody = bodyLimit({ maxSize: 1 << 20, onError: (c) => problemResponse(c, new KopruError('payload_too_large', 'too large')) })

  function rung(steps: { request?: boolean; auth?: boolean }) {
    const app = new OpenAPIHono<GatewayEnv>({ defaultHook: validationHook })
    app.onError(onError)
    if (steps.request) app.use('*', gatewayRequest({ log, connections: gateway.services.connections, metrics: createMetrics(), maxQueueMs: 10_000, limitBody }))
    if (steps.auth) app.use('/v1/*', tenantAuth({ apiKeys }))
    app.route('/', orderRoutes({ runner }))
    return app
  }
  const bare = new Hono().get('/v1/orders/:id', (c) => c.json(withRaw(order, c.req.query('include'))))
  const rungs: Rung[] = [
    ['bare', bare],
    ['routes', rung({})],
    ['request', rung({ request: true })],
    ['auth', rung({ request: true, auth: true })],
    ['gateway', gateway],
  ]

  return {
    rungs,
    url,
    headers,
    async close() {
      await gateway.services.close()
      await database.close()
    },
  }
}
