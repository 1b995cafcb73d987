import { OpenAPIHono } from '@hono/zod-openapi'
import { consoleRoutes } from './console/index.js'
import type { SignInLimits } from './console/sign-in-throttle.js'
import { createCore, type Core } from './core/create-core.js'
import { KopruError } from './core/errors.js'
import type { CoreOptions } from './core/options.js'
import type { GatewayServices } from './core/services.js'
import { adminAuth, tenantAuth } from './http/auth.js'
import { notFound, onError, problemResponse } from './http/problem.js'
import { bodyLimit } from './http/body-limit.js'
import { gatewayRequest } from './http/gateway-request.js'
import type { GatewayEnv } from './http/types.js'
import { validationHook } from './http/validation.js'
import { adminRoutes } from './routes/admin.js'
import { connectRoutes } from './routes/connect.js'
import { connectionRoutes } from './routes/connections.js'
import { docsRoutes, type DocsAssets } from './routes/docs.js'
import { logRoutes } from './routes/logs.js'
import { oauthAppRoutes } from './routes/oauth-apps.js'
import { fulfillmentRoutes } from './routes/fulfillments.js'
import { inventoryRoutes } from './routes/inventory.js'
import { eventRoutes } from './routes/events.js'
import { opsRoutes } from './routes/ops.js'
import { orderRoutes } from './routes/orders.js'
import { productRoutes } from './routes/products.js'
import { providerRoutes } from './routes/providers.js'
import { proxyRoutes } from './routes/proxy.js'
import { rateRoutes } from './routes/rates.js'
import { shipmentRoutes } from './routes/shipments.js'
import { contactRoutes } from './routes/contacts.js'
import { invoiceRoutes } from './routes/invoices.js'
import { orderInvoiceRoutes } from './routes/order-invoice.js'
import { trackingRoutes } from './routes/tracking.js'
import { webhookRoutes } from './routes/webhooks.js'

export type { CoreOptions, EventOptions } from './core/options.js'

export interface GatewayOptions extends CoreOptions {
  /** The files of the /docs renderer (`nodeDocsAssets()` from `kopru/node`; the Workers entry bundles them). */
  docsAssets?: DocsAssets | undefined
  /** The header a trusted proxy in front of kopru sets to the client's address (`KOPRU_CLIENT_IP_HEADER`). */
  clientIpHeader?: string | undefined
  /** Failed console sign-ins allowed per client address and per tenant key prefix, per window. */
  signInLimits?: SignInLimits | undefined
}
export { createCore, type Core } from './core/create-core.js'

export type Gateway = OpenAPIHono<GatewayEnv> & { services: GatewayServices }

/** The whole gateway as one Hono app: serve it, or mount it with `parent.route('/kopru', gateway)`. */
export function createGateway(options: GatewayOptions): Gateway {
  const core = createCore(options)
  return Object.assign(createHttpApp(core, options), { services: core })
}

/** The HTTP layer over a core: middleware in request order, then the route groups. */
export function createHttpApp(core: Core, options: Pick<GatewayOptions, 'adminKey' | 'maxBodyBytes' | 'docsAssets' | 'publicUrl' | 'clientIpHeader' | 'signInLimits' | 'now'>): OpenAPIHono<GatewayEnv> {
  const { log, upstream, metrics } = core
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024
  const app = new OpenAPIHono<GatewayEnv>({ defaultHook: validationHook })
  app.onError(onError)
  app.notFound(notFound)
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => problemResponse(c, new KopruError('payload_too_large', `the request body exceeds ${maxBodyBytes} bytes`)),
  })
  app.use('*', gatewayRequest({ log, connections: core.connections, metrics, maxQueueMs: upstream.maxQueueMs, limitBody, tracing: upstream.tracing }))
  app.use('/admin/*', adminAuth({ adminKey: options.adminKey }))
  app.use('/v1/*', tenantAuth({ apiKeys: core.apiKeys }))

  for (const routes of [
    opsRoutes,
    adminRoutes,
    oauthAppRoutes,
    providerRoutes,
    connectionRoutes,
    connectRoutes,
    orderRoutes,
    fulfillmentRoutes,
    orderInvoiceRoutes,
    productRoutes,
    inventoryRoutes,
    shipmentRoutes,
    trackingRoutes,
    rateRoutes,
    invoiceRoutes,
    contactRoutes,
    proxyRoutes,
    eventRoutes,
    webhookRoutes,
    logRoutes,
  ]) {
    app.route('/', routes(core))
  }
  app.route('/console', consoleRoutes(core, options))
  docsRoutes(app, options.docsAssets)
  // Mounted inside a parent app, everything under the mount point is kopru's: unknown paths get problem+json too.
  app.all('*', (c) => {
    c.set('unmatched', true)
    return notFound(c)
  })
  return app
}
