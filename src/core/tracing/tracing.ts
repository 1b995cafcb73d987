/**
 * OpenTelemetry spans through `@opentelemetry/api` only (docs/observability.md): one server span per gateway
 * request (src/http/trace.ts) and one client span per upstream attempt, named and attributed per the
 * OpenTelemetry HTTP semantic conventions (https://opentelemetry.io/docs/specs/semconv/http/http-spans/), with
 * the W3C `traceparent` injected into the upstream request. The SDK and its exporter are the host's (the Node
 * entry starts them when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, src/node/tracing.ts); when tracing is off this
 * module is never called, so the request path builds no attribute at all.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
  type TracerProvider,
} from '@opentelemetry/api'
import { isTimeout, type Transport, type TransportRequest, type TransportResponse } from '../transport.js'

export interface TracingOptions {
  /** Default: the globally registered provider (what `NodeTracerProvider.register()` installs). */
  tracerProvider?: TracerProvider
}

/** What the upstream layer tells about one attempt. */
export interface AttemptFacts {
  provider: string
  operation: string
  connectionId: string
  requestId: string
  attempt: number
}

export interface AttemptSpan {
  /** The provider answered with this status. */
  answered(status: number): void
  /** No answer (timeout, unreachable): `error.type` is the problem code it became. */
  failed(errorType: string): void
}

const headerSetter: TextMapSetter<Headers> = { set: (headers, key, value) => headers.set(key, value) }

export function createTracing(options: TracingOptions = {}) {
  const provider = options.tracerProvider ?? trace.getTracerProvider()
  const tracer = provider.getTracer('kopru', '0.1.0')

  /**
   * A client span for one attempt, child of the request's span (`parent`, else the active context), and its
   * `traceparent` set on the outgoing headers. The URL's query string (where credentials may travel) is left out.
   */
  function attempt(parent: Context | undefined, facts: AttemptFacts, { url, method, headers }: Pick<TransportRequest, 'url' | 'method' | 'headers'>): AttemptSpan {
    const base = parent ?? context.active()
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'server.address': url.hostname,
          'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
          'url.full': `${url.origin}${url.pathname}`,
          ...(facts.attempt > 0 ? { 'http.request.resend_count': facts.attempt } : {}),
          'kopru.provider': facts.provider,
          'kopru.operation': facts.operation,
          'kopru.connection_id': facts.connectionId,
          'kopru.request_id': facts.requestId,
        },
      },
      base,
    )
    propagation.inject(trace.setSpan(base, span), headers, headerSetter)
    return {
      answered(status) {
        span.setAttribute('http.response.status_code', status)
        // Client spans: 4xx and 5xx are errors (semconv "Status").
        if (status >= 400) {
          span.setAttribute('error.type', String(status))
          span.setStatus({ code: SpanStatusCode.ERROR })
        }
        span.end()
      },
      failed(errorType) {
        span.setAttribute('error.type', errorType)
        span.setStatus({ code: SpanStatusCode.ERROR })
        span.end()
      },
    }
  }

  /** Sends one attempt inside its client span: the answer's status, or the failure (`provider_timeout` / `provider_unavailable`). */
  async function tracedAttempt(
    parent: Context | undefined,
    facts: AttemptFacts,
    request: TransportRequest,
    transport: Transport,
  ): Promise<TransportResponse> {
    const span = attempt(parent, facts, request)
    try {
      const response = await transport(request)
      span.answered(response.status)
      return response
    } catch (error) {
      span.failed(isTimeout(error) ? 'provider_timeout' : 'provider_unavailable')
      throw error
    }
  }

  return {
    tracer,
    /** The client's trace context (W3C `traceparent`/`tracestate`), or none. */
    extract<C>(carrier: C, getter: TextMapGetter<C>): Context {
      return propagation.extract(ROOT_CONTEXT, carrier, getter)
    },
    startServerSpan(parent: Context, attributes: Record<string, string | number>): { span: Span; context: Context } {
      const span = tracer.startSpan(String(attributes['http.request.method']), { kind: SpanKind.SERVER, attributes }, parent)
      return { span, context: trace.setSpan(parent, span) }
    },
    attempt,
    tracedAttempt,
  }
}

export type Tracing = ReturnType<typeof createTracing>
