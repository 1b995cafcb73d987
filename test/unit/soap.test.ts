import { backgroundScope } from '../../src/core/request-scope.js'
import { testUpstreamDeps } from '../helpers/upstream.js'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { requestJson, type UpstreamDeps } from '../../src/core/upstream.js'
import type { Transport } from '../../src/core/transport.js'
import {
  buildSoapEnvelope,
  buildSoapFault,
  buildXml,
  defineProvider,
  isClientFault,
  parseSoapEnvelope,
  readSoapRequest,
  soapCall,
  soapList,
  soapStrings,
  soapText,
  type OperationContext,
} from '../../src/core/provider-kit/index.js'
import { z } from 'zod'

const NS = 'http://example.com/Service'

describe('SOAP envelopes', () => {
  it('builds an unqualified envelope: only the operation carries the namespace, arrays repeat, values are escaped', () => {
    const xml = buildSoapEnvelope({
      namespace: NS,
      operation: 'queryShipment',
      params: { wsUserName: 'A&B <x>', keys: ['K1', 'K2'], keyType: 0, onlyTracking: false, skipped: undefined, nothing: null },
    })
    expect(xml).toContain('<ns1:queryShipment xmlns:ns1="http://example.com/Service">')
    expect(xml).toContain('<wsUserName>A&amp;B &lt;x&gt;</wsUserName>')
    expect(xml).toContain('<keys>K1</keys><keys>K2</keys>')
    expect(xml).toContain('<keyType>0</keyType><onlyTracking>false</onlyTracking>')
    expect(xml).not.toContain('skipped')
    expect(xml).not.toContain('nothing')
    const back = readSoapRequest(xml, ['keys'])
    expect(back).toEqual({
      ok: true,
      operation: 'queryShipment',
      params: { wsUserName: 'A&B <x>', keys: ['K1', 'K2'], keyType: '0', onlyTracking: 'false' },
    })
  })

  it('builds a qualified (.NET) envelope with a default namespace on the operation', () => {
    const xml = buildSoapEnvelope({ namespace: 'http://tempuri.org/', operation: 'SetOrder', params: { userName: 'u' }, elementForm: 'qualified' })
    expect(xml).toContain('<SetOrder xmlns="http://tempuri.org/"><userName>u</userName></SetOrder>')
  })

  it('builds XML fragments for services that take XML strings as parameters', () => {
    expect(buildXml('LoginInfo', { UserName: 'ş<', Password: 'p' })).toBe('<LoginInfo><UserName>ş&lt;</UserName><Password>p</Password></LoginInfo>')
  })

  it('parses bodies keeping strings (leading zeros) and forced arrays', () => {
    const xml = `<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>
      <ns2:opResponse xmlns:ns2="x"><row><key>00123</key></row><flag>0</flag></ns2:opResponse></S:Body></S:Envelope>`
    const parsed = parseSoapEnvelope(xml, ['row'])
    expect(parsed.kind).toBe('body')
    if (parsed.kind !== 'body') return
    const response = parsed.body.opResponse
    expect(soapList(response, 'row')).toEqual([{ key: '00123' }])
    expect(soapText(response, 'flag')).toBe('0')
    expect(soapText(response, 'missing')).toBe('')
    expect(soapStrings({ k: ['a', 'b'] }, 'k')).toEqual(['a', 'b'])
  })

  it('reads SOAP 1.1 and 1.2 faults', () => {
    const parsed = parseSoapEnvelope(buildSoapFault({ code: 'soapenv:Client', message: 'Unmarshalling Error', detail: { reason: 'x' } }))
    expect(parsed).toEqual({ kind: 'fault', fault: { code: 'soapenv:Client', message: 'Unmarshalling Error', detail: { reason: 'x' } } })
    const soap12 = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code>
      <s:Reason><s:Text xml:lang="en">bad</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>`
    const parsed12 = parseSoapEnvelope(soap12)
    expect(parsed12.kind === 'fault' && parsed12.fault.code).toBe('s:Sender')
    expect(parsed12.kind === 'fault' && parsed12.fault.message).toBe('bad')
    expect(isClientFault('soap:Client')).toBe(true)
    expect(isClientFault('Client.Authentication')).toBe(true)
    expect(isClientFault('env:Sender')).toBe(true)
    expect(isClientFault('soap:Server')).toBe(false)
    expect(isClientFault('ClientError')).toBe(false)
  })

  it('calls HTML pages, truncated XML and empty bodies malformed', () => {
    expect(parseSoapEnvelope('<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>').kind).toBe('malformed')
    expect(parseSoapEnvelope('<!DOCTYPE html><html><head><title>Error</title></head><body><br></body></html>').kind).toBe('malformed')
    expect(parseSoapEnvelope('<soap:Envelope xmlns:soap="x"><soap:Body><a>').kind).toBe('malformed')
    expect(parseSoapEnvelope('').kind).toBe('malformed')
  })
})

describe('soapCall through ctx.request (raw text body, raw text answer)', () => {
  const provider = defineProvider({
    id: 'soapy',
    name: 'Soapy',
    kind: 'carrier',
    auth: { type: 'credentials', fields: [], schema: z.object({}), apply() {} },
    baseUrls: { production: 'https://soapy.example', sandbox: 'https://soapy.example' },
    quotas: [],
    operations: {},
    async verifyCredentials() {},
  })

  function contextAnswering(status: number, body: string, contentType = 'text/xml; charset=utf-8') {
    const seen: { headers: Headers; body: unknown }[] = []
    const transport: Transport = async ({ headers, body: sent }) => {
      seen.push({ headers, body: sent })
      return new Response(body, { status, headers: { 'content-type': contentType } })
    }
    const deps: UpstreamDeps = testUpstreamDeps({ transport, resolveBaseUrl: () => 'https://soapy.example', timeoutMs: 1000, userAgent: 'test' })
    const call = { provider, connection: { id: 'c', tenantId: 't', provider: 'soapy', environment: 'sandbox' as const, settings: {}, metadata: {} }, credentials: {}, scope: backgroundScope('req_1'), log: createLogger({ level: 'error' }), operation: 'test' }
    const ctx = { provider, connection: call.connection, credentials: {}, requestId: 'req_1', scope: call.scope, log: call.log, request: (r: any) => requestJson(deps, call, r) } as OperationContext
    return { ctx, seen }
  }
  const spec = { path: '/svc', action: 'urn:op', namespace: NS, operation: 'op', params: { a: '1' } }

  it('sends the envelope with SOAPAction and content type, and returns the response element', async () => {
    const { ctx, seen } = contextAnswering(200, buildSoapEnvelope({ namespace: NS, operation: 'opResponse', params: { out: '7' } }))
    const result = await soapCall(ctx, spec)
    expect(result.result).toEqual({ out: '7' })
    expect(seen[0]!.headers.get('soapaction')).toBe('"urn:op"')
    expect(seen[0]!.headers.get('content-type')).toBe('text/xml; charset=utf-8')
    expect(String(seen[0]!.body)).toContain('<ns1:op xmlns:ns1="http://example.com/Service"><a>1</a></ns1:op>')
  })

  it('a server fault is provider_error 502 with the faultcode; a client fault is invalid_request', async () => {
    const server = contextAnswering(500, buildSoapFault({ code: 'soapenv:Server', message: 'NullPointerException' }))
    await expect(soapCall(server.ctx, spec)).rejects.toMatchObject({ code: 'provider_error', status: 502, provider: { code: 'soapenv:Server', status: 500 } })
    const client = contextAnswering(500, buildSoapFault({ code: 'soapenv:Client', message: 'Unmarshalling Error' }))
    await expect(soapCall(client.ctx, spec)).rejects.toMatchObject({ code: 'invalid_request', status: 400, provider: { code: 'soapenv:Client' } })
  })

  it('an HTML error page (200 or 500), malformed XML or a missing response element is provider_error, never a crash', async () => {
    for (const [status, body] of [
      [200, '<html><body>Service Unavailable<br></body></html>'],
      [500, '<!DOCTYPE html><html><body><h1>Runtime Error</h1></body></html>'],
      [200, '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><opResponse>'],
      [200, buildSoapEnvelope({ namespace: NS, operation: 'otherResponse', params: {} })],
    ] as const) {
      const { ctx } = contextAnswering(status, body, 'text/html')
      await expect(soapCall(ctx, spec)).rejects.toMatchObject({ code: 'provider_error', status: 502 })
    }
  })

  it('an empty response element is an answer with nothing in it; text in its place is still provider_error', async () => {
    const empty = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:opResponse xmlns:ns2="urn:x"/></soap:Body></soap:Envelope>'
    expect((await soapCall(contextAnswering(200, empty).ctx, spec)).result).toEqual({})
    const text = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><opResponse>oops</opResponse></soap:Body></soap:Envelope>'
    await expect(soapCall(contextAnswering(200, text).ctx, spec)).rejects.toMatchObject({ code: 'provider_error', status: 502 })
  })

  it('JSON requests still parse JSON, and a request with both json and body is refused', async () => {
    const { ctx } = contextAnswering(200, '{"a":1}', 'application/json')
    expect((await ctx.request({ path: '/x', json: { q: 1 }, method: 'POST' })).data).toEqual({ a: 1 })
    expect((await ctx.request({ path: '/x', responseType: 'text' })).data).toBe('{"a":1}')
    await expect(ctx.request({ path: '/x', json: {}, body: 'x' })).rejects.toThrow(/both/)
  })
})
