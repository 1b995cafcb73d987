import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrendyolSimulator } from '../../providers/trendyol/simulator.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { startNodeTracing, tracesEndpoint, type NodeTracing } from '../../src/node/tracing.js'
import { testGateway } from '../helpers/gateway.js'
import { trendyolTenant } from '../helpers/trendyol-tenant.js'

/**
 * Traces end to end: the Node entry's SDK setup exporting OTLP/HTTP (JSON) to a receiver on loopback, one unified
 * call with a client `traceparent`, and the spans as the collector gets them.
 */
interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  attributes: { key: string; value: Record<string, unknown> }[]
  status?: { code?: number }
}

const SERVER = 2
const CLIENT = 3

/** An OTLP/HTTP trace receiver: POST /v1/traces with the JSON encoding of ExportTraceServiceRequest. */
async function otlpReceiver() {
  const spans: OtlpSpan[] = []
  const contentTypes: string[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') return void response.writeHead(404).end()
      contentTypes.push(request.headers['content-type'] ?? '')
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[]
      }
      for (const resource of body.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans)
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, spans, contentTypes, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

const attr = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value
  return value ? (value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.boolValue)) : undefined
}
const hex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('')

let receiver: Awaited<ReturnType<typeof otlpReceiver>>
let tracing: NodeTracing
let upstream: Listening
const seen: { path: string; traceparent: string | null }[] = []

beforeAll(async () => {
  receiver = await otlpReceiver()
  tracing = await startNodeTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'kopru-test' })
  const sim = createTrendyolSimulator()
  // The simulator as the provider: it records the trace context each request carried.
  upstream = await listen({
    fetch(request) {
      seen.push({ path: new URL(request.url).pathname, traceparent: request.headers.get('traceparent') })
      return sim.app.fetch(request)
    },
  })
})
afterAll(async () => {
  await tracing.shutdown()
  await upstream.close()
  await receiver.close()
})

describe('OpenTelemetry traces over OTLP/HTTP', () => {
  it('endpoint rules: /v1/traces appended to the generic endpoint, the traces endpoint used as is', () => {
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe('http://collector:4318/v1/traces')
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/custom' })).toBe('http://c:4318/custom')
  })

  it("one unified call: server span under the client's traceparent, a client span per upstream attempt under it, traceparent propagated", { timeout: 90_000 }, async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: upstream.url }, tracing: { tracerProvider: tracing.tracerProvider } })
    const tenant = await trendyolTenant(gw)
    const traceId = hex(16)
    const clientSpanId = hex(8)
    seen.length = 0
    const response = await gw.call(tenant.apiKey, '/v1/orders?limit=1', {
      connection: tenant.connectionId,
      headers: { traceparent: `00-${traceId}-${clientSpanId}-01`, 'user-agent': 'trace-test/1' },
    })
    expect(response.status).toBe(200)
    await tracing.forceFlush()
    expect(receiver.contentTypes.every((type) => type.startsWith('application/json'))).toBe(true)

    const ours = receiver.spans.filter((span) => span.traceId === traceId)
    const server = ours.find((span) => span.kind === SERVER)!
    expect(server).toBeDefined()
    expect(server.parentSpanId).toBe(clientSpanId)
    expect(server.name).toBe('GET /v1/orders')
    expect({
      method: attr(server, 'http.request.method'),
      route: attr(server, 'http.route'),
      path: attr(server, 'url.path'),
      status: attr(server, 'http.response.status_code'),
      provider: attr(server, 'kopru.provider'),
      operation: attr(server, 'kopru.operation'),
      requestId: attr(server, 'kopru.request_id'),
      userAgent: attr(server, 'user_agent.original'),
    }).toEqual({
      method: 'GET',
      route: '/v1/orders',
      path: '/v1/orders',
      status: 200,
      provider: 'trendyol',
      operation: 'orders.list',
      requestId: response.headers.get('kopru-request-id'),
      userAgent: 'trace-test/1',
    })

    const attempts = ours.filter((span) => span.kind === CLIENT)
    expect(attempts.length).toBeGreaterThan(0)
    for (const span of attempts) {
      expect(span.parentSpanId).toBe(server.spanId)
      expect(span.name).toBe('GET')
      expect(attr(span, 'server.address')).toBe('127.0.0.1')
      expect(attr(span, 'http.request.method')).toBe('GET')
      expect(attr(span, 'http.response.status_code')).toBe(200)
      expect(attr(span, 'kopru.provider')).toBe('trendyol')
      expect(attr(span, 'kopru.operation')).toBe('orders.list')
      expect(attr(span, 'kopru.connection_id')).toBe(tenant.connectionId)
      expect(String(attr(span, 'url.full'))).not.toContain('?')
    }
    // What the provider received: the client's trace id, with the attempt's own span as parent.
    expect(seen.length).toBe(attempts.length)
    for (const request of seen) {
      const [version, trace, parent, flags] = request.traceparent!.split('-')
      expect([version, trace, flags]).toEqual(['00', traceId, '01'])
      expect(attempts.map((span) => span.spanId)).toContain(parent)
    }
  })

  it('a request without traceparent starts its own trace; a gateway without tracing sends none upstream', { timeout: 90_000 }, async () => {
    const traced = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: upstream.url }, tracing: true })
    const tenant = await trendyolTenant(traced)
    const response = await traced.call(tenant.apiKey, '/v1/orders?limit=1', { connection: tenant.connectionId })
    await tracing.forceFlush()
    const requestId = response.headers.get('kopru-request-id')
    const server = receiver.spans.find((span) => span.kind === SERVER && attr(span, 'kopru.request_id') === requestId)!
    expect(server.parentSpanId || undefined).toBeUndefined()
    expect(receiver.spans.some((span) => span.kind === CLIENT && span.parentSpanId === server.spanId)).toBe(true)

    const plain = await testGateway({ env: { KOPRU_PROVIDER_TRENDYOL_BASE_URL: upstream.url } })
    const other = await trendyolTenant(plain)
    seen.length = 0
    const before = receiver.spans.length
    const answer = await plain.call(other.apiKey, '/v1/orders?limit=1', { connection: other.connectionId, headers: { traceparent: `00-${hex(16)}-${hex(8)}-01` } })
    expect(answer.status).toBe(200)
    await tracing.forceFlush()
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((request) => request.traceparent === null)).toBe(true)
    expect(receiver.spans.length).toBe(before)
  })
})
