/**
 * Checks SOAP requests kopru sends against the carriers' WSDL types with `xmllint --schema` (libxml2-utils).
 * The schemas live under test/fixtures/specs/<carrier>/ (README there: source, version, date).
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { XMLParser } from 'fast-xml-parser'

export type SoapSchema = 'yurtici' | 'aras-order' | 'aras-query'

const driverOf: Record<SoapSchema, string> = {
  yurtici: 'yurtici/envelope.xsd',
  'aras-order': 'aras/order-envelope.xsd',
  'aras-query': 'aras/query-envelope.xsd',
}

const specs = (file: string) => fileURLToPath(new URL(`../fixtures/specs/${file}`, import.meta.url))

function xmllint(schemaFile: string, xml: string): string | null {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', specs(schemaFile), '-'], { input: xml, encoding: 'utf8' })
  if (run.error) throw run.error
  return run.status === 0 ? null : run.stderr.trim()
}

/** Aras' GetQueryJSON parameters are XML documents inside strings: each is checked on its own. */
function arasQueryStrings(xml: string): string | null {
  const parsed = new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(xml) as any
  const call = parsed?.Envelope?.Body?.GetQueryJSON ?? {}
  for (const name of ['loginInfo', 'queryInfo']) {
    const errors = xmllint('aras/query-info.xsd', String(call[name] ?? ''))
    if (errors) return `${name}: ${errors}`
  }
  return null
}

/** null when the document is valid, else xmllint's complaints. */
export function soapSchemaErrors(schema: SoapSchema, xml: string): string | null {
  const errors = xmllint(driverOf[schema], xml)
  if (errors || schema !== 'aras-query') return errors
  return arasQueryStrings(xml)
}

export interface SchemaChecked {
  /** Every request body that failed the schema, with xmllint's message. */
  violations: { body: string; errors: string }[]
}

/**
 * Wraps a simulator app so every SOAP POST is validated before the simulator sees it; a violation is recorded
 * and answered like the real service answers an unreadable request (a client fault), so the test fails loudly.
 */
export function withSoapSchema<T extends { app: { fetch(request: Request, ...rest: any[]): Response | Promise<Response> } }>(
  simulator: T,
  pick: (request: Request) => SoapSchema | null,
): T & SchemaChecked {
  const violations: SchemaChecked['violations'] = []
  const inner = simulator.app
  const app = {
    // The rest (the Node server's env) is passed on: simulators use it to drop a connection like a lost answer.
    async fetch(request: Request, ...rest: unknown[]): Promise<Response> {
      const schema = request.method === 'POST' ? pick(request) : null
      if (!schema) return inner.fetch(request, ...rest)
      const body = await request.text()
      const errors = soapSchemaErrors(schema, body)
      if (errors) {
        violations.push({ body, errors })
        const fault = `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>schema check failed</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
        return new Response(fault, { status: 500, headers: { 'content-type': 'text/xml; charset=utf-8' } })
      }
      return inner.fetch(new Request(request, { body }), ...rest)
    },
  }
  return Object.assign(simulator, { app, violations })
}
