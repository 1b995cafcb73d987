/**
 * The OpenTelemetry Node SDK with the OTLP/HTTP trace exporter (JSON encoding), started by the Node entry only
 * when `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set. The SDK packages are
 * imported here, dynamically, so a gateway without tracing (and the Workers bundle) never loads them.
 * Endpoint rules as in the OTLP exporter spec: the generic endpoint gets `/v1/traces` appended, the
 * traces-specific one is used as is (https://opentelemetry.io/docs/specs/otel/protocol/exporter/).
 */
import type { TracerProvider } from '@opentelemetry/api'

export interface NodeTracing {
  tracerProvider: TracerProvider
  /** Exports every ended span now (tests, before shutdown). */
  forceFlush(): Promise<void>
  shutdown(): Promise<void>
}

type Env = Record<string, string | undefined>

export const tracingRequested = (env: Env) => Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT)

export function tracesEndpoint(env: Env): string {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  return `${(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318').replace(/\/+$/, '')}/v1/traces`
}

/** Registers a global tracer provider (with the W3C trace-context propagator and async context) exporting over OTLP/HTTP. */
export async function startNodeTracing(env: Env): Promise<NodeTracing> {
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ])
  const exporter = new OTLPTraceExporter({ url: tracesEndpoint(env) })
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'kopru', 'service.version': '0.1.0' }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  })
  provider.register()
  return {
    tracerProvider: provider,
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  }
}
