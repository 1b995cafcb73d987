/**
 * Requests kopru sends to Hepsiburada's order host, checked against Hepsiburada's own OpenAPI document
 * ("HEPSIBURADA - SİPARİŞ OLUŞTURMA ENTEGRASYONU" 1.0.0, test/fixtures/specs/hepsiburada/): every call of a
 * listing, an order read and two fulfillments must hit a documented path and method, carry the required
 * headers, use only documented query parameters and send a body valid against the documented schema.
 */
import Ajv from 'ajv'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedOrders } from '../../providers/hepsiburada/fixtures.js'
import { createHepsiburadaSimulator, type HepsiburadaSimulator } from '../../providers/hepsiburada/simulator.js'
import { testGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

type Operation = {
  parameters?: { name: string; in: string; required?: boolean }[]
  requestBody?: { content: Record<string, { schema: object }> }
}
const spec = JSON.parse(readFileSync(new URL('../fixtures/specs/hepsiburada/oms-openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>
}
const templates = Object.entries(spec.paths).map(([template, operations]) => ({
  regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  specificity: template.split('{').length,
  template,
  operations,
}))

/** The documented operation for a request: the path template that matches with the fewest parameters. */
function operationFor(method: string, path: string) {
  const match = templates.filter((t) => t.regex.test(path) && t.operations[method.toLowerCase()]).sort((a, b) => a.specificity - b.specificity)[0]
  return match ? { template: match.template, operation: match.operations[method.toLowerCase()]! } : null
}

const ajv = new Ajv({ strict: false, allErrors: true })
const merchant = { merchantId: 'c1d2e3f4-0a1b-4c2d-8e3f-9a0b1c2d3e4f', secretKey: 'Contract1234', userAgent: 'kopru_contract_dev' }

describe('Hepsiburada requests match its OMS OpenAPI document', () => {
  let sim: HepsiburadaSimulator & { url: string; server: { close(): unknown } }
  const orders = seedOrders({ count: 24 })
  beforeAll(async () => {
    sim = await serveSimulator(createHepsiburadaSimulator({ merchants: [{ ...merchant, orders, listings: [] }] }))
  })
  afterAll(() => sim.server.close())

  it('listing every bucket, reading an order and fulfilling open and packaged orders', async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_HEPSIBURADA_BASE_URL: sim.url } })
    const tenant = await gw.tenant()
    const created = await gw.call(tenant.apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'hepsiburada', environment: 'sandbox', credentials: { merchant_id: merchant.merchantId, secret_key: merchant.secretKey, user_agent: merchant.userAgent } }),
    })
    const connection = ((await created.json()) as { id: string }).id
    const call = (path: string, init: { method?: string; body?: string } = {}) => gw.call(tenant.apiKey, path, { ...init, connection })
    let cursor: string | null = null
    const seen: { id: string; fulfillment_status: string }[] = []
    do {
      const page = (await (await call(`/v1/orders?limit=50${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { data: typeof seen; next_cursor: string | null }
      seen.push(...page.data)
      cursor = page.next_cursor
    } while (cursor)
    const open = seen.find((order) => order.fulfillment_status === 'unfulfilled')!
    const packaged = seen.find((order) => order.fulfillment_status === 'processing')!
    expect((await call(`/v1/orders/${open.id}`)).status).toBe(200)
    const fulfil = (id: string, body: object) => call(`/v1/orders/${id}/fulfillments`, { method: 'POST', body: JSON.stringify(body) })
    expect((await fulfil(open.id, { carrier: 'aras', tracking_number: 'ARS1', tracking_url: 'https://kargotakip.araskargo.com.tr/ARS1' })).status).toBe(201)
    // Without a tracking URL: the document types trackingUrl as a string, so it must be left out, not null.
    expect((await fulfil(packaged.id, { carrier: 'mng', tracking_number: 'MNG1' })).status).toBe(201)

    const oms = sim.received.filter((request) => !request.path.startsWith('/listings'))
    expect(oms.length).toBeGreaterThan(5)
    const problems: string[] = []
    for (const request of oms) {
      const found = operationFor(request.method, request.path)
      if (!found) {
        problems.push(`${request.method} ${request.path}: not in the document`)
        continue
      }
      const parameters = found.operation.parameters ?? []
      for (const header of parameters.filter((p) => p.in === 'header' && p.required)) {
        if (!request.headers[header.name.toLowerCase()]) problems.push(`${request.method} ${found.template}: header ${header.name} missing`)
      }
      // Query names compared case-insensitively: the document spells the package list's offset `Offset`.
      const documented = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name.toLowerCase()))
      for (const name of new URLSearchParams(request.query).keys()) {
        if (!documented.has(name.toLowerCase())) problems.push(`${request.method} ${found.template}: query ${name} not documented`)
      }
      const schema = found.operation.requestBody?.content['application/json']?.schema
      if (schema && !ajv.validate(schema, request.body)) problems.push(`${request.method} ${found.template}: ${ajv.errorsText()}`)
    }
    expect(problems).toEqual([])
  })
})
