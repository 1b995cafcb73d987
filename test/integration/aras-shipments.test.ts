import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ARAS_QUERY_PATH } from '../../providers/aras/mapping.js'
import { createArasSimulator, type ArasSimAccount, type ArasSimulator } from '../../providers/aras/simulator.js'
import { manualClock } from '../helpers/adapter-context.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'
import { withSoapSchema, type SchemaChecked } from '../helpers/soap-schema.js'

const STEP = 3 * 3600_000
const clock = manualClock()
const account: ArasSimAccount = { userName: 'kpr-int', password: 'o-int', queryUserName: 'kpr-int-q', queryPassword: 'q-int', customerCode: '1907900' }
const credentials = {
  user_name: account.userName,
  password: account.password,
  query_user_name: account.queryUserName,
  query_password: account.queryPassword,
  customer_code: account.customerCode,
}
const recipient = { name: 'Mehmet Kaya', phone: '+905321234567', line1: 'Kızılay Mah. Atatürk Blv. No:10', district: 'Çankaya', city: 'Ankara', country_code: 'TR' }
const body = (reference?: string, patch: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...(reference ? { reference } : {}),
    shipper: { name: 'Kopru Demo Mağaza', line1: 'Alemdağ Cad. No:1', district: 'Ümraniye', city: 'İstanbul', country_code: 'TR' },
    recipient,
    parcels: [{ weight_kg: 2, desi: 3 }, { weight_kg: 1 }],
    ...patch,
  })

describe('Aras shipments end to end: gateway HTTP routes -> two SOAP services of the simulator', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<ArasSimulator & SchemaChecked>>>
  let gw: TestGateway
  let apiKey: string
  let connection: string

  beforeAll(async () => {
    // Every SOAP request kopru sends in this file is validated against Aras' documented types (test/fixtures/specs/aras).
    const checked = withSoapSchema(createArasSimulator({ accounts: [account], clock, stepMs: STEP }), (request) =>
      new URL(request.url).pathname.endsWith(ARAS_QUERY_PATH) ? 'aras-query' : 'aras-order',
    )
    sim = await serveSimulator(checked)
  })
  afterAll(() => {
    sim.server.close()
    expect(sim.violations).toEqual([])
  })

  beforeEach(async () => {
    sim.control.breakNext = []
    sim.control.dropCreateAnswers = 0
    gw = await testGateway({ env: { KOPRU_PROVIDER_ARAS_BASE_URL: sim.url } })
    apiKey = (await gw.tenant()).apiKey
    const created = await gw.call(apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'aras', credentials }) })
    expect(created.status).toBe(201)
    connection = ((await created.json()) as { id: string }).id
  })

  const create = (key: string, payload: string) =>
    gw.call(apiKey, '/v1/shipments', { method: 'POST', connection, body: payload, headers: { 'idempotency-key': key } })
  const ordersWith = (reference: string) => [...sim.orders.values()].filter((order) => order.integrationCode === reference)

  it('is in the catalog with both logins as auth fields and no rating operation', async () => {
    const catalog = (await (await gw.call(apiKey, '/v1/providers')).json()) as { data: any[] }
    const entry = catalog.data.find((provider) => provider.id === 'aras')
    expect(entry).toMatchObject({ kind: 'carrier', auth_type: 'credentials' })
    expect(entry.auth_fields.map((f: any) => [f.name, f.secret])).toEqual([
      ['user_name', false],
      ['password', true],
      ['query_user_name', false],
      ['query_password', true],
      ['customer_code', false],
    ])
    expect(entry.operations).toEqual(expect.arrayContaining(['shipments.create', 'shipments.get', 'shipments.cancel', 'tracking.get']))
    expect(entry.operations).not.toContain('rates.list')
    expect(catalog.data.find((provider) => provider.id === 'yurtici')?.auth_fields.map((f: any) => f.name)).toEqual(['ws_user_name', 'ws_password', 'user_language'])
  })

  it('refuses a wrong query password when the connection is created', async () => {
    const refused = await gw.call(apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'aras', credentials: { ...credentials, query_password: 'wrong' } }),
    })
    const problem = await expectProblem(refused, 400, 'invalid_request')
    expect(problem.errors[0].path).toBe('credentials')
  })

  it('create -> PDF label -> waybill after the branch -> delivered, events in UTC; /v1/tracking by waybill number', async () => {
    const response = await create('ar-flow-1', body('KPR-AR-FLOW-1'))
    expect(response.status).toBe(201)
    const shipment = (await response.json()) as any
    expect(shipment).toMatchObject({ provider: 'aras', reference: 'KPR-AR-FLOW-1', tracking_number: null, status: 'created' })
    expect(atob(shipment.label.data).slice(0, 5)).toBe('%PDF-')
    expect(ordersWith('KPR-AR-FLOW-1')[0]?.barcodes).toEqual(['KPR-AR-FLOW-1', 'KPR-AR-FLOW-102'])

    const pending = (await (await gw.call(apiKey, `/v1/shipments/${shipment.id}`)).json()) as any
    expect(pending).toMatchObject({ status: 'created', tracking_number: null })
    // Trackable right after creation, like Yurtiçi: by the reference, before any tracking number exists.
    const early = await gw.call(apiKey, '/v1/tracking/KPR-AR-FLOW-1', { connection })
    expect(early.status).toBe(200)
    expect(await early.json()).toMatchObject({ status: 'pending', delivered: false, events: [] })

    clock.advance(STEP)
    const scanned = (await (await gw.call(apiKey, `/v1/shipments/${shipment.id}`)).json()) as any
    expect(scanned.tracking_number).toMatch(/^\d{13}$/)
    expect(scanned).toMatchObject({ status: 'in_transit', provider_status: '1', tracking: { status: 'picked_up' } })

    clock.advance(4 * STEP)
    const delivered = (await (await gw.call(apiKey, `/v1/shipments/${shipment.id}`)).json()) as any
    expect(delivered.status).toBe('delivered')
    expect(delivered.tracking.events.map((event: any) => event.status)).toEqual(['picked_up', 'in_transit', 'in_transit', 'out_for_delivery', 'delivered'])
    expect(delivered.tracking.events[4]).toMatchObject({
      occurred_at: new Date(clock.now()).toISOString(),
      description: 'Kargo alıcıya teslim edildi',
      location: { city: 'ANKARA', district: 'ÇANKAYA' },
    })
    const tracking = (await (await gw.call(apiKey, `/v1/tracking/${scanned.tracking_number}`, { connection })).json()) as any
    expect(tracking).toMatchObject({ tracking_number: scanned.tracking_number, status: 'delivered', delivered: true })
    expect(tracking.events).toHaveLength(5)
    for (const event of tracking.events) expect(event.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('cancel before the waybill works; after it the answer is conflict with the carrier reason (999)', async () => {
    const first = (await (await create('ar-cancel-1', body('KPR-AR-CNL-1'))).json()) as any
    const cancelled = await gw.call(apiKey, `/v1/shipments/${first.id}/cancel`, { method: 'POST' })
    expect(cancelled.status).toBe(200)
    expect(((await cancelled.json()) as any).status).toBe('cancelled')
    expect(ordersWith('KPR-AR-CNL-1')).toHaveLength(0)
    // CancelDispatch deletes the order at Aras; the stored cancelled shipment stays readable.
    const read = await gw.call(apiKey, `/v1/shipments/${first.id}`)
    expect(read.status).toBe(200)
    expect(await read.json()).toMatchObject({ id: first.id, reference: 'KPR-AR-CNL-1', status: 'cancelled' })

    const second = (await (await create('ar-cancel-2', body('KPR-AR-CNL-2'))).json()) as any
    clock.advance(STEP)
    const problem = await expectProblem(await gw.call(apiKey, `/v1/shipments/${second.id}/cancel`, { method: 'POST' }), 409, 'conflict')
    expect(problem.provider).toMatchObject({ id: 'aras', code: '999', message: 'Siparişin irsaliyesi düzenlendiği için iptal edilemez.' })
  })

  it('20 concurrent POSTs with one Idempotency-Key create exactly one order at the carrier', async () => {
    const before = sim.stats.setOrders
    const answers = await Promise.all(Array.from({ length: 20 }, () => create('ar-concurrent-1', body())))
    expect(sim.stats.setOrders - before).toBe(1)
    const created = answers.filter((answer) => answer.status === 201)
    expect(created.length).toBeGreaterThanOrEqual(1)
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true)
    const reference = ((await created[0]!.json()) as any).reference
    expect(ordersWith(reference)).toHaveLength(1)
  })

  it('the same with the first answer dropped after creating still ends with exactly one order', async () => {
    sim.control.dropCreateAnswers = 1
    const dropsBefore = sim.stats.droppedAnswers
    const answers = await Promise.all(Array.from({ length: 20 }, () => create('ar-dropped-1', body())))
    expect(sim.stats.droppedAnswers - dropsBefore).toBe(1)
    const created = answers.filter((answer) => answer.status === 201)
    expect(created.length).toBeGreaterThanOrEqual(1)
    const references = new Set(await Promise.all(created.map(async (answer) => ((await answer.json()) as any).reference)))
    expect(references.size).toBe(1)
    const [reference] = [...references]
    expect(ordersWith(reference!)).toHaveLength(1)
    expect(ordersWith(reference!)[0]!.submissions).toBe(1)
  })

  it.each([
    ['phone format', body('KPR-AR-V1', { recipient: { ...recipient, phone: '+90 312 1' } }), '935', 'body.recipient.phone'],
    ['missing district', body('KPR-AR-V2', { recipient: { ...recipient, district: undefined } }), '941', 'body.recipient.district'],
    ['address over 250 characters', body('KPR-AR-V3', { recipient: { ...recipient, line1: `Moda Cad. ${'No:5 '.repeat(50)}` } }), '70018', 'body.recipient.line1'],
    ['over-long reference (checked by kopru)', body('KPR-AR-A-REFERENCE-LONGER-THAN-32-CHARACTERS'), null, 'body.reference'],
  ])('carrier validation (%s) reaches the client as 400 problem+json naming the field, with the ResultCode', async (_name, payload, code, path) => {
    const problem = await expectProblem(await create(`ar-invalid-${code}`, payload), 400, 'invalid_request')
    if (code) expect(problem.provider).toMatchObject({ id: 'aras', code })
    expect(problem.errors).toEqual([expect.objectContaining({ path })])
  })

  it('a malformed SOAP answer, an HTML error page or a non-JSON query result is provider_error (502), never 500', async () => {
    const shipment = (await (await create('ar-broken-1', body('KPR-AR-BRK-1'))).json()) as any
    for (const kind of ['html', 'html500', 'truncated', 'badJson'] as const) {
      sim.control.breakNext = [kind]
      const problem = await expectProblem(await gw.call(apiKey, `/v1/shipments/${shipment.id}`), 502, 'provider_error')
      expect(problem.provider.id).toBe('aras')
    }
  })
})
