import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createYurticiSimulator, type YurticiSimulator } from '../../providers/yurtici/simulator.js'
import { manualClock } from '../helpers/adapter-context.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'
import { withSoapSchema, type SchemaChecked } from '../helpers/soap-schema.js'

const STEP = 2 * 3600_000
const clock = manualClock()
const user = { userName: 'KPRINT', password: 'pw-int' }
const codUser = { userName: 'KPRCOD', password: 'pw-cod', cod: true }

const body = (reference?: string, patch: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...(reference ? { reference } : {}),
    shipper: { name: 'Kopru Demo Mağaza', phone: '+902161234567', line1: 'Alemdağ Cad. No:1', district: 'Ümraniye', city: 'İstanbul', country_code: 'TR' },
    recipient: { name: 'Zeynep Şahin', phone: '+905551234567', line1: 'Caferağa Mah. Moda Cad. No:5 D:3', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR' },
    parcels: [{ weight_kg: 1.2, length_cm: 30, width_cm: 20, height_cm: 10 }],
    ...patch,
  })

describe('Yurtiçi shipments end to end: gateway HTTP routes -> SOAP simulator', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<YurticiSimulator & SchemaChecked>>>
  let gw: TestGateway
  let apiKey: string
  let connection: string

  beforeAll(async () => {
    // Every SOAP request kopru sends in this file is validated against the WSDL types (test/fixtures/specs/yurtici).
    sim = await serveSimulator(withSoapSchema(createYurticiSimulator({ users: [user, codUser], clock, stepMs: STEP }), () => 'yurtici'))
  })
  afterAll(() => {
    sim.server.close()
    expect(sim.violations).toEqual([])
  })

  beforeEach(async () => {
    sim.control.breakNext = []
    sim.control.dropCreateAnswers = 0
    gw = await testGateway({ env: { KOPRU_PROVIDER_YURTICI_BASE_URL: sim.url }, events: { pollIntervals: { tracking: 0, orders: 3_600_000 } } })
    apiKey = (await gw.tenant()).apiKey
    const created = await gw.call(apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'yurtici', credentials: { ws_user_name: user.userName, ws_password: user.password } }),
    })
    expect(created.status).toBe(201)
    connection = ((await created.json()) as { id: string }).id
  })

  const create = (key: string, payload: string) =>
    gw.call(apiKey, '/v1/shipments', { method: 'POST', connection, body: payload, headers: { 'idempotency-key': key } })

  it('a COD shipment sends a numeric ttDocumentId that passes the WSDL schema and is accepted', async () => {
    const created = await gw.call(apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'yurtici', credentials: { ws_user_name: codUser.userName, ws_password: codUser.password } }),
    })
    const cod = ((await created.json()) as { id: string }).id
    const response = await gw.call(apiKey, '/v1/shipments', {
      method: 'POST',
      connection: cod,
      headers: { 'idempotency-key': 'yk-cod-1' },
      body: body('KPR-YK-COD-1', { cod: { amount: { amount: '149.90', currency: 'TRY' }, collection: 'cash' } }),
    })
    expect(response.status).toBe(201)
    expect(sim.violations).toEqual([])
    expect(sim.shipments.get('KPR-YK-COD-1')).toMatchObject({ cod: true })
  })

  it('label_format ZPL gets a ZPL label with the cargoKey barcode, never a PDF', async () => {
    const response = await create('yk-zpl-1', body('KPR-YK-ZPL-1', { label_format: 'ZPL' }))
    expect(response.status).toBe(201)
    const shipment = (await response.json()) as any
    expect(shipment.label.format).toBe('ZPL')
    const zpl = atob(shipment.label.data)
    expect(zpl).toMatch(/^\^XA[\s\S]*\^BCN,[\s\S]*\^FDKPR-YK-ZPL-1\^FS[\s\S]*\^XZ$/)
    expect(zpl).toContain('Zeynep Sahin')
  })

  it('refuses wrong credentials when the connection is created', async () => {
    const refused = await gw.call(apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({ provider: 'yurtici', credentials: { ws_user_name: user.userName, ws_password: 'wrong' } }),
    })
    const problem = await expectProblem(refused, 400, 'invalid_request')
    expect(problem.errors[0].path).toBe('credentials')
  })

  it('create -> PDF label with the cargoKey barcode -> tracking advances to delivered with UTC events', async () => {
    const response = await create('yk-flow-1', body('KPR-YK-FLOW-1'))
    expect(response.status).toBe(201)
    const shipment = (await response.json()) as any
    expect(shipment).toMatchObject({ provider: 'yurtici', carrier: 'yurtici', reference: 'KPR-YK-FLOW-1', tracking_number: null, status: 'created' })
    expect(shipment.id).toMatch(/^shp_/)
    expect(shipment.label.format).toBe('PDF')
    expect(atob(shipment.label.data).slice(0, 5)).toBe('%PDF-')
    expect(sim.shipments.get('KPR-YK-FLOW-1')?.receiverPhone1).toBe('5551234567')

    clock.advance(STEP)
    const scanned = (await (await gw.call(apiKey, `/v1/shipments/${shipment.id}`)).json()) as any
    expect(scanned.tracking_number).toMatch(/^\d{12}$/)
    expect(scanned.status).toBe('in_transit')
    expect(scanned.tracking.status).toBe('picked_up')

    clock.advance(5 * STEP)
    const delivered = (await (await gw.call(apiKey, `/v1/shipments/${shipment.id}`)).json()) as any
    expect(delivered.status).toBe('delivered')
    expect(delivered.tracking).toMatchObject({ status: 'delivered', delivered: true, carrier_status: { code: 'DLV' } })
    expect(delivered.tracking.events).toHaveLength(6)
    for (const event of delivered.tracking.events) expect(event.occurred_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/)
    expect(delivered.tracking.events[0]).toMatchObject({
      occurred_at: new Date(clock.now() - 5 * STEP).toISOString(),
      status: 'picked_up',
      description: 'Kargo Kabul Edildi',
      location: { city: 'İSTANBUL', district: 'ÜMRANİYE', facility: 'ÜMRANİYE ŞUBE' },
    })
    // Yurtiçi's queryShipment searches by cargoKey: /v1/tracking takes the reference, and the docId of a
    // shipment kopru created (tracked through its stored cargoKey).
    const tracking = await gw.call(apiKey, '/v1/tracking/KPR-YK-FLOW-1', { connection })
    expect(((await tracking.json()) as any).status).toBe('delivered')
    const byDocId = await gw.call(apiKey, `/v1/tracking/${scanned.tracking_number}`, { connection })
    expect(((await byDocId.json()) as any)).toMatchObject({ status: 'delivered', delivered: true })

    // Each status change was recorded once, as shipment.status_changed, with the previous status.
    const events = ((await (await gw.call(apiKey, '/v1/events?type=shipment.status_changed')).json()) as any).data
    expect(events.map((event: any) => [event.previous.status, event.data.status]).reverse()).toEqual([
      ['created', 'in_transit'],
      ['in_transit', 'delivered'],
    ])
    expect(events[0].data).toMatchObject({ id: shipment.id, reference: 'KPR-YK-FLOW-1', label: null })
  })

  it('tracking sync: the poller announces a carrier status change once, without anyone reading the shipment', async () => {
    const shipment = (await (await create('yk-poll-1', body('KPR-YK-POLL-1'))).json()) as any
    const statusEvents = async () => ((await (await gw.call(apiKey, '/v1/events?type=shipment.status_changed')).json()) as any).data
    const { poller } = gw.app.services.events
    await poller.runOnce()
    expect(await statusEvents()).toHaveLength(0)
    clock.advance(STEP)
    await poller.runOnce()
    await poller.runOnce()
    const events = await statusEvents()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ previous: { status: 'created' }, data: { id: shipment.id, status: 'in_transit' } })
  })

  it('cancel inside the window works; after the branch scan it is a conflict with the carrier reason', async () => {
    const first = (await (await create('yk-cancel-1', body('KPR-YK-CNL-1'))).json()) as any
    const cancelled = await gw.call(apiKey, `/v1/shipments/${first.id}/cancel`, { method: 'POST' })
    expect(cancelled.status).toBe(200)
    expect(((await cancelled.json()) as any).status).toBe('cancelled')
    expect(((await (await gw.call(apiKey, `/v1/shipments/${first.id}`)).json()) as any).status).toBe('cancelled')

    const second = (await (await create('yk-cancel-2', body('KPR-YK-CNL-2'))).json()) as any
    clock.advance(STEP)
    const refused = await gw.call(apiKey, `/v1/shipments/${second.id}/cancel`, { method: 'POST' })
    const problem = await expectProblem(refused, 409, 'conflict')
    expect(problem.provider).toMatchObject({ id: 'yurtici', code: 'ISR', message: 'Kargo işlem görmüş, faturası henüz düzenlenmemiştir.' })
    expect(problem.detail).toContain('faturası henüz düzenlenmemiştir')
  })

  it('20 concurrent POSTs with one Idempotency-Key create exactly one shipment at the carrier', async () => {
    const before = sim.stats.createdShipments
    const answers = await Promise.all(Array.from({ length: 20 }, () => create('yk-concurrent-1', body())))
    expect(sim.stats.createdShipments - before).toBe(1)
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1)
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true)
    const ids = new Set(await Promise.all(answers.filter((a) => a.status === 201).map(async (a) => ((await a.json()) as any).id)))
    expect(ids.size).toBe(1)
    // Afterwards the key replays the one shipment.
    const replay = await create('yk-concurrent-1', body())
    expect(replay.headers.get('idempotency-replayed')).toBe('true')
    expect(ids.has(((await replay.json()) as any).id)).toBe(true)
  })

  it('the same, with the first answer dropped after creating, still ends with exactly one (reconciled by cargoKey)', async () => {
    const before = sim.stats.createdShipments
    sim.control.dropCreateAnswers = 1
    const answers = await Promise.all(Array.from({ length: 20 }, () => create('yk-dropped-1', body())))
    expect(sim.stats.droppedAnswers).toBeGreaterThanOrEqual(1)
    expect(sim.stats.createdShipments - before).toBe(1)
    const created = answers.filter((answer) => answer.status === 201)
    expect(created.length).toBeGreaterThanOrEqual(1)
    const shipment = (await created[0]!.json()) as any
    expect(shipment.reference).toMatch(/^K[0-9A-Z]{15}$/)
    expect(sim.shipments.has(shipment.reference)).toBe(true)
    expect(gw.logs.some((line) => line.includes('shipment reconciled by reference'))).toBe(true)
  })

  it.each([
    ['phone format', body('KPR-YK-V1', { recipient: { name: 'Zeynep Şahin', phone: '+90 216', line1: 'Caferağa Mah. Moda Cad. No:5', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR' } }), '82516', 'body.recipient.phone'],
    ['missing district', body('KPR-YK-V2', { recipient: { name: 'Zeynep Şahin', phone: '+905551234567', line1: 'Caferağa Mah. Moda Cad. No:5', city: 'İstanbul', country_code: 'TR' } }), '82517', 'body.recipient.district'],
    ['COD on a non-COD user', body('KPR-YK-V3', { cod: { amount: { amount: '149.90', currency: 'TRY' }, collection: 'cash' } }), '82513', 'body.cod'],
    ['over-long reference', body('KPR-YK-REFERENCE-TOO-LONG'), '82500', 'body.reference'],
  ])('carrier validation (%s) reaches the client as 400 problem+json naming the field, with the errCode', async (_name, payload, code, path) => {
    const problem = await expectProblem(await create(`yk-invalid-${code}`, payload), 400, 'invalid_request')
    expect(problem.provider).toMatchObject({ id: 'yurtici', code })
    expect(problem.errors).toEqual([expect.objectContaining({ path })])
  })

  it('rates: Yurtiçi has no rating API, so /v1/rates answers from the connection rate sheet (501 without one)', async () => {
    const rateRequest = JSON.stringify({
      shipper: { name: 'Kopru Demo', line1: 'Alemdağ Cad. No:1', city: 'İstanbul', country_code: 'TR' },
      recipient: { name: 'Zeynep Şahin', line1: 'Kızılay Mah. No:3', district: 'Çankaya', city: 'Ankara', country_code: 'TR' },
      parcels: [{ weight_kg: 2, desi: 3 }],
    })
    await expectProblem(await gw.call(apiKey, '/v1/rates', { method: 'POST', connection, body: rateRequest }), 501, 'unsupported_operation')
    const withSheet = await gw.call(apiKey, '/v1/connections', {
      method: 'POST',
      body: JSON.stringify({
        provider: 'yurtici',
        credentials: { ws_user_name: user.userName, ws_password: user.password },
        settings: {
          rate_sheet: {
            currency: 'TRY',
            zones: ['yakin', 'uzak'],
            default_zone: 'uzak',
            bands: [{ max_desi: 5, prices: { yakin: '79.90', uzak: '99.90' } }],
          },
        },
      }),
    })
    const sheetConnection = ((await withSheet.json()) as { id: string }).id
    const rates = await gw.call(apiKey, '/v1/rates', { method: 'POST', connection: sheetConnection, body: rateRequest })
    expect(rates.status).toBe(200)
    expect(JSON.stringify(await rates.json())).toContain('"source":"rate_sheet"')
  })

  it('a malformed SOAP answer or an HTML error page is provider_error (502), never 500', async () => {
    const shipment = (await (await create('yk-broken-1', body('KPR-YK-BRK-1'))).json()) as any
    for (const kind of ['html', 'html500', 'truncated'] as const) {
      sim.control.breakNext = [kind]
      const problem = await expectProblem(await gw.call(apiKey, `/v1/shipments/${shipment.id}`), 502, 'provider_error')
      expect(problem.provider.id).toBe('yurtici')
    }
  })
})
