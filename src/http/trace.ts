import { context, SpanStatusCode, type TextMapGetter } from '@opentelemetry/api'
import type { Context } from 'hono'
import type { Tracing } from '../core/tracing/tracing.js'
import { handledRoute } from './observe.js'
import type { GatewayEnv } from './types.js'

const requestHeaders: TextMapGetter<Context<GatewayEnv>> = {
  get: (c, key) => c.req.header(key),
  keys: () => [],
}

/**
 * Runs the rest of the request inside its server span, child of the client's W3C `traceparent` when it sends
 * one. Its context goes into the request's scope, so every upstream attempt of the request is its child (and
 * carries it on to the provider). Used only when tracing is on (src/http/gateway-request.ts).
 */
export async function withServerSpan(tracing: Tracing, c: Context<GatewayEnv>, run: () => Promise<void>): Promise<void> {
  const url = new URL(c.req.url)
  const { span, context: traced } = tracing.startServerSpan(tracing.extract(c, requestHeaders), {
    'http.request.method': c.req.method,
    'url.path': url.pathname,
    'url.scheme': url.protocol.slice(0, -1),
    'server.address': url.hostname,
    'kopru.request_id': c.get('requestId'),
    ...(c.req.header('user-agent') ? { 'user_agent.original': c.req.header('user-agent')! } : {}),
  })
  const scope = c.get('scope')
  scope.trace = traced
  try {
    await context.with(traced, run)
  } finally {
    const route = handledRoute(c)
    const status = c.res.status
    span.updateName(`${c.req.method} ${route}`)
    span.setAttribute('http.route', route)
    span.setAttribute('http.response.status_code', status)
    if (scope.labels.provider) span.setAttributes({ 'kopru.provider': scope.labels.provider, 'kopru.operation': scope.labels.operation ?? '' })
    // Server spans: only 5xx are errors (semconv "Status"); kopru's 4xx are the client's.
    if (status >= 500) {
      span.setAttribute('error.type', String(status))
      span.setStatus({ code: SpanStatusCode.ERROR })
    }
    span.end()
  }
}
