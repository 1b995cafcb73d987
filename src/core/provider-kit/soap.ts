/**
 * SOAP 1.1 for adapters: envelopes built with fast-xml-parser's XMLBuilder (never by string concatenation),
 * answers parsed with XMLParser, SOAP faults and non-SOAP answers (HTML error pages, truncated XML) turned
 * into the gateway's errors. Transport is still `ctx.request()` with a raw text body.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'
import { KopruError } from '../errors.js'
import type { OperationContext, UpstreamRequest } from './types.js'

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/'

export type SoapValue = string | number | boolean | null | undefined | readonly SoapValue[] | { readonly [name: string]: SoapValue }

export interface SoapEnvelopeSpec {
  /** Target namespace of the service, e.g. `http://tempuri.org/`. */
  namespace: string
  /** The operation element, e.g. `createShipment`. */
  operation: string
  /** Child elements in order; arrays repeat the element, null/undefined are left out. */
  params: Record<string, SoapValue>
  /**
   * `unqualified` (default): only the operation element is in the namespace (prefix `ns1`), its children are
   * not — Axis / JAX-RPC services with `elementFormDefault="unqualified"`. `qualified`: the operation declares
   * the namespace as default so every child is in it — .NET ASMX and WCF services.
   */
  elementForm?: 'unqualified' | 'qualified'
}

export interface SoapFault {
  code: string
  message: string
  detail: unknown
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false })

/** Drops null/undefined, stringifies scalars; arrays stay arrays (repeated elements). */
function normalize(value: SoapValue): unknown {
  if (value === null || value === undefined) return undefined
  if (Array.isArray(value)) return value.map(normalize).filter((item) => item !== undefined)
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(value as Record<string, SoapValue>)) {
      const normalized = normalize(child)
      if (normalized !== undefined) out[key] = normalized
    }
    return out
  }
  return String(value)
}

/** An XML document or fragment from plain data (e.g. the XML strings some services take as parameters). */
export function buildXml(root: string, content: Record<string, SoapValue>): string {
  return builder.build({ [root]: normalize(content) }) as string
}

export function buildSoapEnvelope({ namespace, operation, params, elementForm = 'unqualified' }: SoapEnvelopeSpec): string {
  const children = normalize(params) as Record<string, unknown>
  const operationElement =
    elementForm === 'qualified'
      ? { [operation]: { '@_xmlns': namespace, ...children } }
      : { [`ns1:${operation}`]: { '@_xmlns:ns1': namespace, ...children } }
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    (builder.build({
      'soapenv:Envelope': {
        '@_xmlns:soapenv': SOAP11_ENVELOPE_NS,
        'soapenv:Body': operationElement,
      },
    }) as string)
  )
}

export type SoapParseResult =
  | { kind: 'body'; body: Record<string, unknown> }
  | { kind: 'fault'; fault: SoapFault }
  | { kind: 'malformed'; reason: string }

export interface SoapParseOptions {
  /**
   * Attribute names to keep, as `@_name` beside the element's children (İzibiz returns an e-Fatura's number as
   * `<INVOICE_STATUS ID="…">`); every other attribute is dropped. An element that keeps one is an object.
   */
  attributes?: readonly string[]
}

/**
 * Parses a SOAP 1.1 (or 1.2) envelope. Namespace prefixes are dropped, values stay strings (keys with
 * leading zeros survive), and the element names in `arrays` always come back as arrays.
 */
export function parseSoapEnvelope(text: string, arrays: readonly string[] = [], { attributes = [] }: SoapParseOptions = {}): SoapParseResult {
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'malformed', reason: 'empty body' }
  const valid = XMLValidator.validate(trimmed)
  if (valid !== true) return { kind: 'malformed', reason: `not well-formed XML (${valid.err.msg}, line ${valid.err.line})` }
  const arraySet = new Set(arrays)
  const kept = new Set(attributes)
  const parser = new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: kept.size === 0 ? true : (name: string) => !kept.has(name),
    attributeNamePrefix: '@_',
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => arraySet.has(name),
  })
  let document: Record<string, unknown>
  try {
    document = parser.parse(trimmed) as Record<string, unknown>
  } catch (error) {
    return { kind: 'malformed', reason: (error as Error).message }
  }
  const envelope = document.Envelope as Record<string, unknown> | undefined
  const body = envelope && typeof envelope === 'object' ? (envelope.Body as Record<string, unknown> | undefined) : undefined
  if (!body || typeof body !== 'object') return { kind: 'malformed', reason: 'no SOAP Envelope/Body' }
  const fault = body.Fault as Record<string, unknown> | undefined
  if (fault && typeof fault === 'object') return { kind: 'fault', fault: readFault(fault) }
  return { kind: 'body', body }
}

function readFault(fault: Record<string, unknown>): SoapFault {
  // SOAP 1.1: faultcode/faultstring/detail; SOAP 1.2: Code/Value, Reason/Text, Detail.
  const code12 = (fault.Code as { Value?: unknown } | undefined)?.Value
  const reason12 = (fault.Reason as { Text?: unknown } | undefined)?.Text
  return {
    code: text(fault.faultcode ?? code12) || 'Server',
    message: text(fault.faultstring ?? reason12) || 'SOAP fault without a message',
    detail: fault.detail ?? fault.Detail ?? null,
  }
}

const text = (value: unknown): string => {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return text(value[0])
  if (value && typeof value === 'object' && '#text' in value) return text((value as { '#text': unknown })['#text'])
  return value === undefined || value === null ? '' : String(value)
}

/** True when a fault code blames the request (SOAP 1.1 `Client`, SOAP 1.2 `Sender`), with or without a prefix. */
export const isClientFault = (code: string): boolean => /(^|[:.])(Client|Sender)(\.|$)/.test(code)

/** A SOAP fault as a gateway error: the request's fault -> invalid_request, anything else -> provider_error. */
export function soapFaultError(provider: { id: string; name: string }, fault: SoapFault, status: number): KopruError {
  const client = isClientFault(fault.code)
  return new KopruError(
    client ? 'invalid_request' : 'provider_error',
    `${provider.name} answered with a SOAP fault (${fault.code}): ${fault.message}`.slice(0, 600),
    { provider: { id: provider.id, status, code: fault.code, message: fault.message.slice(0, 500) } },
  )
}

export interface SoapCall extends SoapEnvelopeSpec {
  path: string
  host?: string
  /** The SOAPAction header value (sent quoted, as SOAP 1.1 requires); '' for services that dispatch on the body. */
  action: string
  /** Elements that must always parse as arrays (repeated rows). */
  arrays?: readonly string[]
  /** Attributes of the answer to keep (SoapParseOptions). */
  attributes?: readonly string[]
  quotaGroup?: string
  idempotent?: boolean
  timeoutMs?: number
  /** Turns a fault into a provider-specific error first (e.g. a credentials fault); undefined falls back. */
  onFault?: (fault: SoapFault, status: number) => KopruError | undefined
}

export interface SoapResult {
  /** The content of `<operation>Response`. */
  result: Record<string, unknown>
  status: number
  text: string
}

/** Sends one SOAP 1.1 call through `ctx.request()` and returns the operation's response element. */
export async function soapCall(ctx: OperationContext<any>, call: SoapCall): Promise<SoapResult> {
  const request: UpstreamRequest = {
    method: 'POST',
    path: call.path,
    host: call.host,
    body: buildSoapEnvelope(call),
    contentType: 'text/xml; charset=utf-8',
    headers: { soapaction: `"${call.action}"`, accept: 'text/xml, application/soap+xml' },
    responseType: 'text',
    // SOAP 1.1 sends faults with HTTP 500; they are read here, not turned into a bare HTTP error.
    accept: [500],
    operation: call.operation,
    quotaGroup: call.quotaGroup,
    idempotent: call.idempotent,
    timeoutMs: call.timeoutMs,
  }
  const response = await ctx.request<string>(request)
  const provider = { id: ctx.provider.id, name: ctx.provider.name }
  const parsed = parseSoapEnvelope(response.text, call.arrays, { attributes: call.attributes })
  if (parsed.kind === 'fault') {
    throw call.onFault?.(parsed.fault, response.status) ?? soapFaultError(provider, parsed.fault, response.status)
  }
  if (parsed.kind === 'malformed') {
    throw new KopruError('provider_error', `${provider.name} answered ${call.operation} with something that is not a SOAP envelope (${parsed.reason})`, {
      provider: { id: provider.id, status: response.status },
      retryable: response.status >= 500,
    })
  }
  if (response.status >= 300) {
    throw new KopruError('provider_error', `${provider.name} failed ${call.operation} (HTTP ${response.status}) without a SOAP fault`, {
      provider: { id: provider.id, status: response.status },
      retryable: true,
    })
  }
  // An empty `<opResponse/>` is an answer with nothing in it (İzibiz's CheckUser for a tax id GİB does not list);
  // the parser gives it as ''. Only a missing element, or text where elements belong, is a surprise.
  const element = parsed.body[`${call.operation}Response`]
  const result = element === '' ? {} : element
  if (!result || typeof result !== 'object') {
    throw new KopruError('provider_error', `${provider.name} answered ${call.operation} without <${call.operation}Response>`, {
      provider: { id: provider.id, status: response.status },
    })
  }
  return { result: result as Record<string, unknown>, status: response.status, text: response.text }
}

/** Reads a string child of a parsed element ('' when absent). */
export const soapText = (node: unknown, key: string): string => {
  if (!node || typeof node !== 'object') return ''
  return text((node as Record<string, unknown>)[key]).trim()
}

/** A child that may be one element or several, always as an array of objects. */
export const soapList = (node: unknown, key: string): Record<string, unknown>[] => {
  if (!node || typeof node !== 'object') return []
  const value = (node as Record<string, unknown>)[key]
  if (value === undefined || value === null || value === '') return []
  return (Array.isArray(value) ? value : [value]).filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
}

/** Repeated text elements (e.g. `<keys>`) as strings. */
export const soapStrings = (node: unknown, key: string): string[] => {
  if (!node || typeof node !== 'object') return []
  const value = (node as Record<string, unknown>)[key]
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).map(text)
}

/** Simulators: a SOAP 1.1 fault envelope (sent with HTTP 500). */
export function buildSoapFault({ code, message, detail }: { code: string; message: string; detail?: Record<string, SoapValue> }): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    (builder.build({
      'soapenv:Envelope': {
        '@_xmlns:soapenv': SOAP11_ENVELOPE_NS,
        'soapenv:Body': {
          'soapenv:Fault': {
            faultcode: code,
            faultstring: message,
            ...(detail ? { detail: normalize(detail) } : {}),
          },
        },
      },
    }) as string)
  )
}

/** Simulators: the operation element and its content of an incoming SOAP request, or why it is not one. */
export function readSoapRequest(
  text: string,
  arrays: readonly string[] = [],
  options: SoapParseOptions = {},
): { ok: true; operation: string; params: Record<string, unknown> } | { ok: false; reason: string } {
  const parsed = parseSoapEnvelope(text, arrays, options)
  if (parsed.kind === 'malformed') return { ok: false, reason: parsed.reason }
  if (parsed.kind === 'fault') return { ok: false, reason: 'a request cannot be a fault' }
  const [operation, params] = Object.entries(parsed.body)[0] ?? []
  if (!operation) return { ok: false, reason: 'empty SOAP Body' }
  return { ok: true, operation, params: params && typeof params === 'object' ? (params as Record<string, unknown>) : {} }
}

/** A plain XML document or fragment (e.g. an XML string passed as a SOAP parameter) as data, or null if broken. */
export function parseXmlFragment(text: string, arrays: readonly string[] = []): Record<string, unknown> | null {
  const trimmed = text.trim()
  if (trimmed === '' || XMLValidator.validate(trimmed) !== true) return null
  const arraySet = new Set(arrays)
  const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => arraySet.has(name) })
  try {
    return parser.parse(trimmed) as Record<string, unknown>
  } catch {
    return null
  }
}
