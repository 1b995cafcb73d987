import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ARAS_QUERY_PATH } from '../../providers/aras/mapping.js'
import { aras } from '../../providers/aras/index.js'
import { createArasSimulator, type ArasSimAccount, type ArasSimulator } from '../../providers/aras/simulator.js'
import type { CreateShipmentRequest } from '../../src/models/index.js'
import { adapterContext, manualClock } from '../helpers/adapter-context.js'
import { serveSimulator } from '../helpers/simulators.js'
import { withSoapSchema, type SchemaChecked } from '../helpers/soap-schema.js'

const STEP = 3 * 3600_000
const clock = manualClock()
const account: ArasSimAccount = { userName: 'kpr-order', password: 'o-pass', queryUserName: 'kpr-query', queryPassword: 'q-pass', customerCode: '1907555' }
const codAccount: ArasSimAccount = { ...account, userName: 'kpr-cod', queryUserName: 'kpr-cod-query', customerCode: '1907556', cod: true }
const credentials = (a: ArasSimAccount, patch: Record<string, string> = {}) => ({
  user_name: a.userName,
  password: a.password,
  query_user_name: a.queryUserName,
  query_password: a.queryPassword,
  customer_code: a.customerCode,
  ...patch,
})
const request = (reference: string, patch: Partial<CreateShipmentRequest> = {}): CreateShipmentRequest & { reference: string } => ({
  reference,
  shipper: { name: 'Kopru Demo', line1: 'Alemdağ Cad. No:1', district: 'Ümraniye', city: 'İstanbul', country_code: 'TR' },
  recipient: { name: 'Mehmet Kaya', phone: '+905321234567', line1: 'Kızılay Mah. Atatürk Blv. 10', district: 'Çankaya', city: 'Ankara', country_code: 'TR' },
  parcels: [{ weight_kg: 2, desi: 3 }],
  ...patch,
})

describe('Aras adapter against its simulator (two SOAP services over HTTP)', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<ArasSimulator & SchemaChecked>>>
  let ctx: ReturnType<typeof adapterContext<any>>
  const ops = aras.operations

  beforeAll(async () => {
    sim = await serveSimulator(withSoapSchema(createArasSimulator({ accounts: [account, codAccount], clock, stepMs: STEP }), (request) => (new URL(request.url).pathname.endsWith(ARAS_QUERY_PATH) ? 'aras-query' : 'aras-order')))
  })
  afterAll(() => {
    sim.server.close()
    // Every request the adapter sent in this file matches the carrier's schema.
    expect(sim.violations).toEqual([])
  })
  beforeEach(() => {
    sim.control.breakNext = []
    sim.control.latencyMs = 0
    ctx = adapterContext(aras, { baseUrl: sim.url, credentials: credentials(account), timeoutMs: 2000 })
  })

  it('creates, then tracks: no waybill until the branch, then movements to delivery with UTC times', async () => {
    const created = await ops['shipments.create']!(ctx, { shipment: request('KPR-A-1') })
    expect(created).toMatchObject({ id: 'KPR-A-1', reference: 'KPR-A-1', tracking_number: null, status: 'created' })

    const pending = await ops['shipments.get']!(ctx, { id: 'KPR-A-1' })
    expect(pending).toMatchObject({ tracking_number: null, status: 'created', recipient: { name: 'Mehmet Kaya', city: 'Ankara', district: 'Çankaya' } })

    clock.advance(STEP)
    const scanned = await ops['shipments.get']!(ctx, { id: 'KPR-A-1' })
    expect(scanned.tracking_number).toMatch(/^\d{13}$/)
    expect(scanned).toMatchObject({ status: 'in_transit', provider_status: '1' })
    expect(scanned.tracking_url).toContain(scanned.tracking_number!)

    clock.advance(3 * STEP)
    expect((await ops['tracking.get']!(ctx, { trackingNumber: scanned.tracking_number! })).status).toBe('out_for_delivery')
    clock.advance(STEP)
    const delivered = await ops['tracking.get']!(ctx, { trackingNumber: scanned.tracking_number! })
    expect(delivered).toMatchObject({ status: 'delivered', delivered: true, carrier_status: { code: '6', text: 'TESLİM EDİLDİ' } })
    expect(delivered.events.map((event) => event.status)).toEqual(['picked_up', 'in_transit', 'in_transit', 'out_for_delivery', 'delivered'])
    expect(delivered.events[0]!.occurred_at).toBe(new Date(clock.now() - 4 * STEP).toISOString())
    expect(delivered.events[0]!.description).toBe('Kargo çıkış şubesine teslim alındı')
    expect((await ops['shipments.get']!(ctx, { id: 'KPR-A-1' })).status).toBe('delivered')
    await expect(ops['tracking.get']!(ctx, { trackingNumber: '9999999999999' })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('cancels before the waybill; after it the cancel is a conflict with the carrier reason (999)', async () => {
    await ops['shipments.create']!(ctx, { shipment: request('KPR-A-2') })
    const cancelled = await ops['shipments.cancel']!(ctx, { id: 'KPR-A-2' })
    expect(cancelled).toMatchObject({ id: 'KPR-A-2', status: 'cancelled', recipient: { name: 'Mehmet Kaya' } })
    await expect(ops['shipments.get']!(ctx, { id: 'KPR-A-2' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(ops['shipments.cancel']!(ctx, { id: 'KPR-A-2' })).rejects.toMatchObject({ code: 'not_found', provider: { code: '-1' } })

    await ops['shipments.create']!(ctx, { shipment: request('KPR-A-3') })
    clock.advance(STEP)
    await expect(ops['shipments.cancel']!(ctx, { id: 'KPR-A-3' })).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      provider: { code: '999', message: 'Siparişin irsaliyesi düzenlendiği için iptal edilemez.' },
    })
  })

  it('resending an IntegrationCode updates the order until the waybill exists, then is a duplicate (60020)', async () => {
    await ops['shipments.create']!(ctx, { shipment: request('KPR-A-4') })
    await ops['shipments.create']!(ctx, { shipment: request('KPR-A-4', { description: 'ikinci gönderim' }) })
    expect(sim.stats.updatedOrders).toBeGreaterThanOrEqual(1)
    expect([...sim.orders.values()].filter((order) => order.integrationCode === 'KPR-A-4')).toHaveLength(1)
    clock.advance(STEP)
    await expect(ops['shipments.create']!(ctx, { shipment: request('KPR-A-4') })).rejects.toMatchObject({
      code: 'conflict',
      kind: 'duplicate',
      provider: { code: '60020' },
    })
    expect((await aras.findShipmentByReference!(ctx, { reference: 'KPR-A-4' }))?.tracking_number).toMatch(/^\d{13}$/)
    expect(await aras.findShipmentByReference!(ctx, { reference: 'KPR-A-404' })).toBeNull()
  })

  it.each([
    ['phone format', { recipient: { ...request('x').recipient, phone: '+90 212 12' } }, '935', 'body.recipient.phone'],
    ['missing district', { recipient: { ...request('x').recipient, district: undefined } }, '941', 'body.recipient.district'],
    ['address over 250 characters', { recipient: { ...request('x').recipient, line1: `Moda Cad. ${'No:5 '.repeat(50)}` } }, '70018', 'body.recipient.line1'],
  ])('validation: %s -> invalid_request naming the field, with ResultCode', async (_name, patch, code, path) => {
    const failure = ops['shipments.create']!(ctx, { shipment: request(`KPR-AV-${code}`, patch) })
    await expect(failure).rejects.toMatchObject({ code: 'invalid_request', status: 400, provider: { id: 'aras', code } })
    await expect(failure).rejects.toHaveProperty(['errors', 0, 'path'], path)
  })

  it('COD works on a COD account', async () => {
    const cod = adapterContext(aras, { baseUrl: sim.url, credentials: credentials(codAccount) })
    const created = await ops['shipments.create']!(cod, { shipment: request('KPR-ACOD-1', { cod: { amount: { amount: '75', currency: 'TRY' }, collection: 'card' } }) })
    expect(created.cod).toEqual({ amount: { amount: '75', currency: 'TRY' }, collection: 'card' })
  })

  it('bad order credentials (1000, -2) and bad query credentials (fault) are provider_error; verify reports kind auth (the gateway answers 400)', async () => {
    const badOrder = adapterContext(aras, { baseUrl: sim.url, credentials: credentials(account, { password: 'nope' }) })
    await expect(ops['shipments.create']!(badOrder, { shipment: request('KPR-A-9') })).rejects.toMatchObject({ code: 'provider_error', provider: { code: '1000' } })
    await expect(ops['shipments.cancel']!(badOrder, { id: 'KPR-A-9' })).rejects.toMatchObject({ code: 'provider_error' })
    await expect(aras.verifyCredentials(badOrder)).rejects.toMatchObject({ code: 'provider_error', kind: 'auth' })
    const badQuery = adapterContext(aras, { baseUrl: sim.url, credentials: credentials(account, { query_password: 'nope' }) })
    await expect(ops['shipments.get']!(badQuery, { id: 'KPR-A-1' })).rejects.toMatchObject({ code: 'provider_error', status: 502, provider: { code: 's:Client' } })
    await expect(aras.verifyCredentials(badQuery)).rejects.toMatchObject({ code: 'provider_error', kind: 'auth' })
    expect(await aras.verifyCredentials(ctx)).toEqual({ user_name: account.userName, customer_code: account.customerCode })
  })

  it('HTML pages, truncated XML and non-JSON query results are provider_error (502)', async () => {
    for (const kind of ['html', 'html500', 'truncated', 'badJson'] as const) {
      sim.control.breakNext = [kind]
      await expect(ops['shipments.get']!(ctx, { id: 'KPR-A-1' })).rejects.toMatchObject({ code: 'provider_error', status: 502 })
    }
  })

  it('a SetOrder whose answer is dropped is found by reference, and a resend is a harmless update', async () => {
    sim.control.dropCreateAnswers = 1
    await expect(ops['shipments.create']!(ctx, { shipment: request('KPR-A-DROP') })).rejects.toMatchObject({ code: 'provider_unavailable' })
    expect(await aras.findShipmentByReference!(ctx, { reference: 'KPR-A-DROP' })).toMatchObject({ reference: 'KPR-A-DROP', status: 'created' })
    expect(await ops['shipments.create']!(ctx, { shipment: request('KPR-A-DROP') })).toMatchObject({ reference: 'KPR-A-DROP' })
    expect([...sim.orders.values()].filter((order) => order.integrationCode === 'KPR-A-DROP')).toHaveLength(1)
  })
})
