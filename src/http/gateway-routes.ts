import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { requestValidator } from './request-validator.js'
import type { GatewayEnv } from './types.js'

type AnyOpenapi = (route: RouteConfig, handler: unknown, hook?: unknown) => unknown

/**
 * A route group of the gateway: OpenAPIHono, documented exactly as it documents, but a route's query, path and
 * header schemas are checked by one synchronous middleware (src/http/request-validator.ts) instead of one async
 * `safeParseAsync` layer each. Bodies, and routes with their own validation hook, stay with @hono/zod-openapi.
 */
export class GatewayRoutes extends OpenAPIHono<GatewayEnv> {
  constructor() {
    super()
    const openapi = this.openapi as unknown as AnyOpenapi
    const fast: AnyOpenapi = ({ middleware, hide, ...route }, handler, hook) => {
      const { query, params, headers, ...rest } = route.request ?? {}
      if (hook || Array.isArray(headers) || !(query || params || headers)) return openapi({ ...route, middleware, hide }, handler, hook)
      // Registered here, in the same place and shape @hono/zod-openapi would: the document does not change.
      if (!hide) this.openAPIRegistry.registerPath(route)
      const own: MiddlewareHandler[] = middleware ? (Array.isArray(middleware) ? middleware : [middleware]) : []
      const validate = requestValidator({ query, params, headers })
      return openapi({ ...route, request: rest, hide: true, middleware: [...own, validate] }, handler)
    }
    this.openapi = fast as unknown as this['openapi']
  }
}
