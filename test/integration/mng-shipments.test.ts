import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createMngSimulator, mngDemo, type MngSimulator } from '../../providers/mng/simulator.js'
import { canonicalJson, sha256Hex } from '../../src/core/idempotency.js'
import { referenceFromIdempotencyKey } from '../../src/core/shipping/reference.js'
import { idempotencyRepository } from '../../src/db/idempotency.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const HOUR = 3600_000
// The simulated carrier's clock starts at the real time: kopru caches MNG's JWT by its stated expiry.
let now = Date.now()
const clock = { now: () => now }
const nonCod = { customerNumber: '406300200', password: 'noCodPass', codEnabled: false }

const shipmentBody = (extra: Record<string, unknown> = {}) => ({
  shipper: { name: 'Köprü Mağaza', line1: 'Caferağa Mah. Moda Cad. No:1', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR', phone: '+902161234567' },
  recipient: {
    name: 'Şeyma Güneş',
    line1: 'Bostanlı Mah. Cemal Gürsel Cad. No:12 D:4',
    district: 'Karşıyaka',
    city: 'İzmir',
    country_code: 'TR',
    phone: '+905321234567',
    email: 'seyma@example.com',
  },
  parcels: [{ weight_kg: 1.2, length_cm: 30, width_cm: 20, height_cm: 15 }],
  description: 'Bakır cezve',
  ...extra,
})

describe('MNG Kargo shipments end to end, over HTTP against the simulator', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<MngSimulator>>>
  let gw: TestGateway
  let tenant: { id: string; apiKey: string }
  let connectionId: string

  const connect = async (credentials: Record<string, string>, settings?: Record<string, unknown>) =>
    gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'mng', credentials, ...(settings ? { settings } : {}) }) })
  const demoCredentials = {
    client_id: mngDemo.clientId,
    client_secret: mngDemo.clientSecret,
    customer_number: mngDemo.customerNumber,
    password: mngDemo.password,
  }
  const create = (key: string, body: unknown = shipmentBody(), connection = connectionId) =>
    gw.call(tenant.apiKey, '/v1/shipments', {
      method: 'POST',
      connection,
      headers: { 'idempotency-key': key },
      body: JSON.stringify(body),
    })

  /** An order made at MNG behind kopru's back (another instance that crashed, or another tool). */
  async function createAtCarrier(reference: string) {
    const ibm = { 'x-ibm-client-id': mngDemo.clientId, 'x-ibm-client-secret': mngDemo.clientSecret, 'content-type': 'application/json' }
    const token = (await (await fetch(`${sim.url}/token`, {
      method: 'POST',
      headers: ibm,
      body: JSON.stringify({ customerNumber: mngDemo.customerNumber, password: mngDemo.password, identityType: 1 }),
    })).json()) as { jwt: string }
    const order = await fetch(`${sim.url}/standardcmdapi/createOrder`, {
      method: 'POST',
      headers: { ...ibm, authorization: `Bearer ${token.jwt}` },
      body: JSON.stringify({
        order: { referenceId: reference, barcode: reference, billOfLandingId: reference, isCOD: 0, codAmount: 0, content: 'x', description: '' },
        orderPieceList: [{ barcode: `${reference}-1`, desi: 3, kg: 1.2, content: 'x' }],
        recipient: { cityCode: 35, districtCode: 1448, address: 'Bostanlı', fullName: 'Şeyma Güneş', mobilePhoneNumber: '5321234567' },
      }),
    })
    expect(order.status).toBe(200)
  }

  beforeAll(async () => {
    sim = await serveSimulator(
      createMngSimulator({
        clock,
        customers: [{ customerNumber: mngDemo.customerNumber, password: mngDemo.password, codEnabled: true }, nonCod],
      }),
    )
  })
  afterAll(() => sim.server.close())

  beforeEach(async () => {
    sim.reset()
    now = Date.now()
    gw = await testGateway({
      env: { KOPRU_PROVIDER_MNG_BASE_URL: sim.url },
      upstreamTimeoutMs: 400,
      reconcileDelaysMs: [0, 100],
    })
    tenant = await gw.tenant()
    const created = await connect(demoCredentials)
    expect(created.status).toBe(201)
    connectionId = ((await created.json()) as { id: string }).id
  })

  it('the JWT is a core session of the connection: reused across calls, forgotten when the connection is deleted', async () => {
    const created = (await (await connect(demoCredentials)).json()) as { id: string }
    const before = sim.stats.tokens
    await create('session-1', shipmentBody(), created.id)
    await create('session-2', shipmentBody(), created.id)
    // The JWT fetched when the connection was verified serves the calls that follow.
    expect(sim.stats.tokens).toBe(before)
    let obtained = 0
    const obtain = async () => ({ token: `fresh-${++obtained}`, expiresAt: Date.now() + 60_000 })
    const { credentials } = await gw.app.services.connections.get(tenant.id, created.id)
    expect(await gw.app.services.sessions.token(created.id, obtain, credentials)).not.toMatch(/^fresh/)
    expect((await gw.call(tenant.apiKey, `/v1/connections/${created.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await gw.app.services.sessions.token(created.id, obtain, credentials)).toBe('fresh-1')
  })

  it('labels default to PDF like every other carrier; ZPL is MNG’s own when asked for', async () => {
    const plain = (await (await create('order-default-label')).json()) as any
    expect(plain.label.format).toBe('PDF')
    expect(Buffer.from(plain.label.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('creates with the carrier’s ZPL label, then tracking advances to delivered with UTC event times', async () => {
    const response = await create('order-1001', shipmentBody({ label_format: 'ZPL' }))
    expect(response.status).toBe(201)
    const shipment = (await response.json()) as any
    expect(shipment).toMatchObject({
      provider: 'mng',
      connection_id: connectionId,
      carrier: 'mng',
      status: 'label_created',
      tracking_number: expect.stringMatching(/^\d{12}$/),
      reference: expect.stringMatching(/^K[0-9A-Z]{15}$/),
      cod: null,
      parcels: [{ weight_kg: 1.2, length_cm: 30, width_cm: 20, height_cm: 15, desi: 3 }],
    })
    expect(shipment.id).toMatch(/^shp_/)
    expect(shipment.label.format).toBe('ZPL')
    const zpl = Buffer.from(shipment.label.data, 'base64').toString('utf8')
    expect(zpl).toMatch(/^\^XA/)
    expect(zpl).toContain(`^FD${shipment.tracking_number}001^FS`)
    const file = await gw.call(tenant.apiKey, `/v1/shipments/${shipment.id}/label`)
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await file.text()).toBe(zpl)
    expect(sim.stats.ordersCreated).toBe(1)
    expect(sim.stats.barcodesCreated).toBe(1)

    const barcodeAt = now
    let read = (await (await gw.call(tenant.apiKey, `/v1/shipments/${shipment.id}`)).json()) as any
    expect(read).toMatchObject({ id: shipment.id, status: 'label_created', tracking_number: shipment.tracking_number })
    expect(read.tracking).toMatchObject({ status: 'pending', delivered: false, carrier_status: { code: '1', text: 'Gönderi hazırlandı' } })
    expect(read.label.format).toBe('ZPL')
    expect(read.recipient.name).toBe('Şeyma Güneş')

    now += 21 * HOUR
    read = (await (await gw.call(tenant.apiKey, `/v1/shipments/${shipment.id}`)).json()) as any
    expect(read.status).toBe('out_for_delivery')

    now += 4 * HOUR // past the JWT's 4 h: the gateway refreshes it on MNG's 401
    const tracking = await gw.call(tenant.apiKey, `/v1/tracking/${shipment.tracking_number}`, { connection: connectionId })
    expect(tracking.status).toBe(200)
    const tracker = (await tracking.json()) as any
    expect(tracker).toMatchObject({ tracking_number: shipment.tracking_number, carrier: 'mng', status: 'delivered', delivered: true })
    expect(tracker.events.map((e: any) => [e.code, e.status])).toEqual([
      ['5', 'delivered'],
      ['4', 'out_for_delivery'],
      ['3', 'in_transit'],
      ['2', 'in_transit'],
      ['1', 'pending'],
    ])
    // MNG writes "dd.MM.yyyy HH:mm:ss" in Turkish time; kopru answers the same instant in UTC.
    const first = tracker.events[4]
    expect(first.occurred_at).toBe(new Date(Math.floor(barcodeAt / 1000) * 1000).toISOString())
    expect(first.description).toBe('Gönderi hazırlandı')
    expect(first.location).toEqual({ city: 'İSTANBUL', district: 'KADIKÖY', facility: 'Kadıköy Şube' })
    expect(tracker.events[0]).toMatchObject({ occurred_at: new Date(Math.floor(barcodeAt / 1000) * 1000 + 24 * HOUR).toISOString(), location: { city: 'İZMİR', district: 'KARŞIYAKA' } })
    expect(sim.stats.tokens).toBe(3)

    read = (await (await gw.call(tenant.apiKey, `/v1/shipments/${shipment.id}`)).json()) as any
    expect(read).toMatchObject({ status: 'delivered', tracking: { delivered: true } })
  })

  it('documents the carrier routes in the OpenAPI document', async () => {
    const response = await gw.app.request('/openapi.json')
    expect(response.status).toBe(200)
    const doc = (await response.json()) as { paths: Record<string, any> }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/shipments', '/v1/shipments/{id}', '/v1/shipments/{id}/cancel', '/v1/tracking/{tracking_number}', '/v1/rates']),
    )
    expect(doc.paths['/v1/shipments'].post.parameters.map((p: any) => [p.name, p.required])).toEqual(
      expect.arrayContaining([['kopru-connection-id', true], ['idempotency-key', true]]),
    )
  })

  it('renders a PDF label when asked for PDF', async () => {
    const response = await create('order-pdf', shipmentBody({ label_format: 'PDF', cod: { amount: { amount: '249.90', currency: 'TRY' }, collection: 'cash' } }))
    expect(response.status).toBe(201)
    const shipment = (await response.json()) as any
    expect(shipment.label.format).toBe('PDF')
    expect(Buffer.from(shipment.label.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    expect(shipment.cod).toEqual({ amount: { amount: '249.90', currency: 'TRY' }, collection: 'cash' })
    const file = await gw.call(tenant.apiKey, `/v1/shipments/${shipment.id}/label`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toBe(`inline; filename="${shipment.reference}.pdf"`)
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(shipment.label.data, 'base64'))).toBe(true)
    await expectProblem(await gw.call(tenant.apiKey, '/v1/shipments/shp_doesNotExist/label'), 404, 'not_found')
  })

  it('cancels inside the window; after the parcel left the branch answers conflict with MNG’s reason', async () => {
    const a = (await (await create('cancel-a')).json()) as any
    const cancelled = await gw.call(tenant.apiKey, `/v1/shipments/${a.id}/cancel`, { method: 'POST' })
    expect(cancelled.status).toBe(200)
    expect(await cancelled.json()).toMatchObject({ id: a.id, status: 'cancelled' })
    expect(((await (await gw.call(tenant.apiKey, `/v1/shipments/${a.id}`)).json()) as any).status).toBe('cancelled')
    // A full cancel: cancelshipment, then cancelorder — no order stays open at MNG.
    expect(sim.openOrders(a.reference)).toBe(0)

    const b = (await (await create('cancel-b')).json()) as any
    now += 3 * HOUR
    const refused = await gw.call(tenant.apiKey, `/v1/shipments/${b.id}/cancel`, { method: 'POST' })
    const problem = await expectProblem(refused, 409, 'conflict')
    // MNG refuses with HTTP 500 {error:{Code, Message: "Error", Description}}: 409 with the readable Description.
    expect(problem.provider).toMatchObject({ id: 'mng', code: '40001' })
    expect(problem.provider.message).toContain('iptal edilemez')
    expect(problem.detail).toContain('Gönderi transfer aşamasında')
    expect(sim.openOrders(b.reference)).toBe(1)
  })

  it('ships to İstanbul and Ankara although MNG’s city list names them "İSTANBUL  34" and "ANKARA  06"', async () => {
    const istanbul = await create('city-istanbul', shipmentBody({ recipient: { ...shipmentBody().recipient, city: 'İstanbul', district: 'Kadıköy' } }))
    expect(istanbul.status).toBe(201)
    const ankara = await create('city-ankara', shipmentBody({ recipient: { ...shipmentBody().recipient, city: 'ankara', district: 'Çankaya' } }))
    expect(ankara.status).toBe(201)
  })

  it('creates exactly one shipment for 20 concurrent requests with one Idempotency-Key', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => create('same-key-20')))
    const statuses = responses.map((r) => r.status)
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true)
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<any>))
    const ids = new Set(bodies.filter((_, i) => statuses[i] === 201).map((b) => b.id))
    expect(ids.size).toBe(1)
    for (const [i, body] of bodies.entries()) if (statuses[i] === 409) expect(body.code).toBe('conflict')
    expect(sim.stats.createOrderCalls).toBe(1)
    expect(sim.stats.ordersCreated).toBe(1)

    const replay = await create('same-key-20')
    expect(replay.status).toBe(201)
    expect(Object.keys(bodies[statuses.indexOf(201)]).slice(0, 4)).toEqual(['id', 'provider', 'connection_id', 'carrier'])
    expect(replay.headers.get('idempotency-replayed')).toBe('true')
    expect(await replay.json()).toEqual(bodies[statuses.indexOf(201)])
    expect(sim.stats.createOrderCalls).toBe(1)

    await expectProblem(await create('same-key-20', shipmentBody({ description: 'başka' })), 422, 'idempotency_mismatch')
    const missing = await gw.call(tenant.apiKey, '/v1/shipments', { method: 'POST', connection: connectionId, body: JSON.stringify(shipmentBody()) })
    const problem = await expectProblem(missing, 400, 'invalid_request')
    expect(problem.errors[0].path).toBe('header.idempotency-key')
  })

  it('still ends with exactly one shipment when the carrier’s first answer is lost after creating', async () => {
    sim.inject({ path: 'createOrder', kind: 'drop', ms: 1500 })
    const responses = await Promise.all(Array.from({ length: 20 }, () => create('lost-answer', shipmentBody({ label_format: 'ZPL' }))))
    const created = responses.filter((r) => r.status === 201)
    expect(created).toHaveLength(1)
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19)
    const shipment = (await created[0]!.json()) as any
    expect(shipment.status).toBe('label_created')
    expect(sim.ordersWithReference(shipment.reference)).toBe(1)
    expect(sim.stats.createOrderCalls).toBe(1)
    expect(sim.stats.barcodesCreated).toBe(1)
    expect(gw.logs.some((line) => line.includes('reconciled by reference'))).toBe(true)
    // ZPL came with the barcode that reconciliation finished.
    expect(shipment.label.format).toBe('ZPL')

    const again = await create('lost-answer', shipmentBody({ label_format: 'ZPL' }))
    expect(again.status).toBe(201)
    expect(((await again.json()) as any).id).toBe(shipment.id)
    expect(sim.orderCount()).toBe(1)
  })

  it('reconciles a lost createbarcode answer and renders a PDF label in place of the lost ZPL', async () => {
    sim.inject({ path: 'createbarcode', kind: 'drop', ms: 1500 })
    const response = await create('lost-barcode')
    expect(response.status).toBe(201)
    const shipment = (await response.json()) as any
    expect(shipment.tracking_number).toMatch(/^\d{12}$/)
    expect(shipment.label.format).toBe('PDF')
    expect(sim.stats.barcodesCreated).toBe(1)
  })

  it('after a lost answer the client’s retry with the same key reuses the reference and finds the shipment', async () => {
    sim.inject({ path: 'createOrder', kind: 'html' })
    await expectProblem(await create('retry-key'), 502, 'provider_error')
    expect(sim.stats.ordersCreated).toBe(0)
    const retried = await create('retry-key')
    expect(retried.status).toBe(201)
    expect(sim.stats.ordersCreated).toBe(1)
  })

  it('takes over a claim abandoned by a crashed instance and returns the order that instance had created', async () => {
    const body = shipmentBody()
    const reference = await referenceFromIdempotencyKey(tenant.id, 'crashed')
    // The crashed instance: its claim is in flight with a lapsed lease, and its createOrder reached MNG.
    await idempotencyRepository(gw.app.services.db).insert({
      tenantId: tenant.id,
      key: 'crashed',
      operation: 'shipments.create',
      requestHash: await sha256Hex(canonicalJson({ connection: connectionId, request: body })),
      state: 'in_flight',
      lockedUntil: new Date(Date.now() - 1000),
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 3600_000),
    })
    await createAtCarrier(reference)

    const response = await create('crashed', body)
    expect(response.status).toBe(201)
    const shipment = (await response.json()) as any
    expect(shipment).toMatchObject({ reference, status: 'label_created', recipient: body.recipient })
    expect(sim.stats.ordersCreated).toBe(1)
    expect(sim.stats.barcodesCreated).toBe(1)
  })

  it('adopts an order MNG already has for the reference (duplicate referenceId), but refuses a reference kopru used before', async () => {
    await createAtCarrier('EXT-REF-1')
    const adopted = await create('ext-1', shipmentBody({ reference: 'EXT-REF-1' }))
    expect(adopted.status).toBe(201)
    expect(await adopted.json()).toMatchObject({ reference: 'EXT-REF-1', status: 'label_created' })
    expect(sim.stats.calls.filter((call) => call.endsWith('/createOrder'))).toHaveLength(2)
    expect(sim.ordersWithReference('EXT-REF-1')).toBe(1)

    const reused = await expectProblem(await create('ext-2', shipmentBody({ reference: 'EXT-REF-1' })), 409, 'conflict')
    expect(reused.errors).toEqual([{ path: 'body.reference', message: 'already used on this connection' }])
    expect(sim.ordersWithReference('EXT-REF-1')).toBe(1)
  })

  it('answers the stored shipment when the key’s row was lost after the shipment was stored', async () => {
    const first = (await (await create('row-lost')).json()) as any
    await gw.app.services.db.execute(sql`delete from idempotency_keys`)
    const again = await create('row-lost')
    expect(again.status).toBe(201)
    expect(((await again.json()) as any).id).toBe(first.id)
    expect(sim.stats.calls.filter((call) => call.endsWith('/createOrder'))).toHaveLength(1)
  })

  it('retries MNG’s transient 20001 and creates once', async () => {
    sim.inject({ path: 'createOrder', kind: 'transient' })
    const response = await create('transient')
    expect(response.status).toBe(201)
    expect(sim.stats.calls.filter((call) => call.endsWith('/createOrder'))).toHaveLength(2)
    expect(sim.stats.ordersCreated).toBe(1)
  })

  it.each([
    ['phone format', shipmentBody({ recipient: { ...shipmentBody().recipient, phone: '+90 12 34' } }), 'body.recipient.phone', '10002'],
    ['missing district', shipmentBody({ recipient: { ...shipmentBody().recipient, district: undefined } }), 'body.recipient.district', '10003'],
    ['over-long reference', shipmentBody({ reference: 'SIPARIS-2026-11-28-000123456' }), 'body.reference', '10001'],
  ])('hands MNG’s validation failure (%s) to the client naming the field', async (_name, body, path, code) => {
    const problem = await expectProblem(await create(`invalid-${code}`, body), 400, 'invalid_request')
    expect(problem.errors).toEqual([{ path, message: expect.any(String) }])
    expect(problem.provider).toMatchObject({ id: 'mng', status: 400, code })
  })

  it('refuses COD on an account without a COD contract with MNG’s code', async () => {
    const other = await connect({ ...demoCredentials, customer_number: nonCod.customerNumber, password: nonCod.password })
    const otherId = ((await other.json()) as { id: string }).id
    const body = shipmentBody({ cod: { amount: { amount: '100.00', currency: 'TRY' }, collection: 'cash' } })
    const problem = await expectProblem(await create('cod-key', body, otherId), 400, 'invalid_request')
    expect(problem.errors).toEqual([{ path: 'body.cod', message: expect.stringContaining('tahsilatlı') }])
    expect(problem.provider.code).toBe('10005')
    // The key was given back: the corrected request may reuse it.
    const fixed = await create('cod-key', shipmentBody(), otherId)
    expect(fixed.status).toBe(201)
  })

  it('answers provider_error for an HTML error page or a malformed body, and provider_timeout for a slow carrier', async () => {
    const shipment = (await (await create('for-reads')).json()) as any
    sim.inject({ path: 'getorder', kind: 'html' })
    const html = await expectProblem(await gw.call(tenant.apiKey, `/v1/shipments/${shipment.id}`), 502, 'provider_error')
    expect(html.provider).toMatchObject({ id: 'mng', status: 500 })
    sim.inject({ path: 'getshipmentByShipmentId', kind: 'malformed' })
    await expectProblem(await gw.call(tenant.apiKey, `/v1/tracking/${shipment.tracking_number}`, { connection: connectionId }), 502, 'provider_error')
    // A read is safe to repeat: kopru retries it twice, so the carrier stays slow for all three attempts.
    for (let attempt = 0; attempt < 3; attempt++) sim.inject({ path: 'getshipmentByShipmentId', kind: 'slow', ms: 700 })
    await expectProblem(await gw.call(tenant.apiKey, `/v1/tracking/${shipment.tracking_number}`, { connection: connectionId }), 504, 'provider_timeout')
    await expectProblem(await gw.call(tenant.apiKey, '/v1/tracking/999999999999', { connection: connectionId }), 404, 'not_found')
  })

  it('refuses wrong credentials at connection time: IBM client id and customer password', async () => {
    const badApp = await expectProblem(await connect({ ...demoCredentials, client_secret: 'wrong' }), 400, 'invalid_request')
    expect(badApp.provider).toMatchObject({ id: 'mng', status: 401, message: 'Invalid client id or secret.' })
    const badPassword = await expectProblem(await connect({ ...demoCredentials, password: 'wrong' }), 400, 'invalid_request')
    expect(badPassword.provider).toMatchObject({ id: 'mng', status: 401, code: '401' })
  })

  it('quotes from MNG’s calculate and, when the connection has one, from its rate sheet', async () => {
    const request = { shipper: shipmentBody().shipper, recipient: shipmentBody().recipient, parcels: [{ weight_kg: 2, desi: 4 }] }
    const quote = await gw.call(tenant.apiKey, '/v1/rates', { method: 'POST', connection: connectionId, body: JSON.stringify(request) })
    expect(quote.status).toBe(200)
    // 4 desi band 80.00 × 1.25 (outside İstanbul) = 100.00 + 20% KDV
    expect(await quote.json()).toEqual({ data: [{ carrier: 'mng', service: 'standard', total: { amount: '120.00', currency: 'TRY' }, source: 'carrier', estimated_days: 2 }] })

    const rate_sheet = {
      currency: 'TRY',
      zones: ['yakin', 'uzak'],
      default_zone: 'uzak',
      bands: [{ max_desi: 5, prices: { yakin: '70.00', uzak: '95.50' } }],
    }
    const bad = await expectProblem(await connect(demoCredentials, { rate_sheet: { ...rate_sheet, default_zone: 'orta' } }), 400, 'invalid_request')
    expect(bad.errors.map((e: any) => e.path)).toContain('settings.rate_sheet.default_zone')
    const withSheet = ((await (await connect(demoCredentials, { rate_sheet })).json()) as { id: string }).id
    const both = (await (await gw.call(tenant.apiKey, '/v1/rates', { method: 'POST', connection: withSheet, body: JSON.stringify(request) })).json()) as any
    expect(both.data.map((r: any) => [r.source, r.total.amount])).toEqual([
      ['carrier', '120.00'],
      ['rate_sheet', '95.50'],
    ])
  })
})
