import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'
import type { Context, Handler, MiddlewareHandler, Next } from 'hono'
import { requestValidator } from './request-validator.js'
import type { GatewayEnv } from './types.js'

type AnyOpenapi = (route: RouteConfig, handler: unknown, hook?: unknown) => unknown

/**
 * A route group of the gateway: OpenAPIHono, documented exactly as it documents, but a route's query, path and
 * header schemas are checked in one synchronous step (src/http/request-validator.ts) instead of one async
 * `safeParseAsync` layer each — inside the handler's layer when the route has no body, else as a middleware before
 * the body's validator. Bodies, and routes with their own validation hook, stay with @hono/zod-openapi.
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
      const validate = requestValidator({ query, params, headers })
      const validateRequest: MiddlewareHandler = (c, next) => validate(c, next) as Promise<void>
      const own: MiddlewareHandler[] = middleware ? (Array.isArray(middleware) ? middleware : [middleware]) : []
      // A body is validated by @hono/zod-openapi after the route's middleware: the check stays a middleware before it.
      if (rest.body) return openapi({ ...route, request: rest, hide: true, middleware: [...own, validateRequest] }, handler)
      // Otherwise the check runs in the handler's own layer of Hono's compose, one async step fewer.
      const checked = (c: Context, next: Next) => validate(c, () => (handler as Handler)(c, next))
      return openapi({ ...route, request: rest, hide: true, middleware }, checked)
    }
    this.openapi = fast as unknown as this['openapi']
  }
}
