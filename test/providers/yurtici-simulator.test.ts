import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { yurtici } from '../../providers/yurtici/index.js'
import { createYurticiSimulator, type YurticiSimulator } from '../../providers/yurtici/simulator.js'
import type { CreateShipmentRequest } from '../../src/models/index.js'
import { adapterContext, manualClock } from '../helpers/adapter-context.js'
import { serveSimulator } from '../helpers/simulators.js'
import { withSoapSchema, type SchemaChecked } from '../helpers/soap-schema.js'

const STEP = 3600_000
const clock = manualClock()
const users = [
  { userName: 'KPRSENDER', password: 'pw-sender' },
  { userName: 'KPRCOD', password: 'pw-cod', cod: true },
]
const request = (reference: string, patch: Partial<CreateShipmentRequest> = {}): CreateShipmentRequest & { reference: string } => ({
  reference,
  shipper: { name: 'Kopru Demo', line1: 'Alemdağ Cad. No:1', district: 'Ümraniye', city: 'İstanbul', country_code: 'TR' },
  recipient: { name: 'Ayşe Yılmaz', phone: '+905321234567', line1: 'Moda Cad. No:5 D:3', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR' },
  parcels: [{ weight_kg: 1.2, length_cm: 30, width_cm: 20, height_cm: 10 }],
  ...patch,
})

describe('Yurtiçi adapter against its simulator (SOAP over HTTP)', () => {
  let sim: Awaited<ReturnType<typeof serveSimulator<YurticiSimulator & SchemaChecked>>>
  let ctx: ReturnType<typeof adapterContext<any>>
  const ops = yurtici.operations

  beforeAll(async () => {
    sim = await serveSimulator(withSoapSchema(createYurticiSimulator({ users, clock, stepMs: STEP }), () => 'yurtici'))
  })
  afterAll(() => {
    sim.server.close()
    // Every request the adapter sent in this file matches the carrier's schema.
    expect(sim.violations).toEqual([])
  })
  beforeEach(() => {
    sim.control.authFailure = 'errCode'
    sim.control.latencyMs = 0
    sim.control.breakNext = []
    ctx = adapterContext(yurtici, { baseUrl: sim.url, credentials: { ws_user_name: 'KPRSENDER', ws_password: 'pw-sender' }, timeoutMs: 2000 })
  })

  it('creates, then tracks through the two-phase tracking number to delivery with UTC events', async () => {
    const created = await ops['shipments.create']!(ctx, { shipment: request('KPR-Y-1') })
    expect(created).toMatchObject({ id: 'KPR-Y-1', reference: 'KPR-Y-1', tracking_number: null, status: 'created', provider_status: 'NOP' })
    expect(created.parcels[0]!.desi).toBe(2)

    const pending = await ops['shipments.get']!(ctx, { id: 'KPR-Y-1' })
    expect(pending).toMatchObject({ tracking_number: null, status: 'created', provider_status: 'NOP' })
    expect(pending.tracking?.events).toEqual([])

    clock.advance(STEP)
    const scanned = await ops['shipments.get']!(ctx, { id: 'KPR-Y-1' })
    expect(scanned.tracking_number).toMatch(/^\d{12}$/)
    expect(scanned).toMatchObject({ status: 'in_transit', provider_status: 'ISR' })
    expect(scanned.tracking?.status).toBe('picked_up')

    clock.advance(4 * STEP)
    expect((await ops['tracking.get']!(ctx, { trackingNumber: 'KPR-Y-1' })).status).toBe('out_for_delivery')

    clock.advance(STEP)
    const delivered = await ops['tracking.get']!(ctx, { trackingNumber: 'KPR-Y-1' })
    expect(delivered.status).toBe('delivered')
    expect(delivered.delivered).toBe(true)
    expect(delivered.tracking_number).toBe(scanned.tracking_number)
    expect(delivered.events.map((event) => event.status)).toEqual(['picked_up', 'in_transit', 'in_transit', 'in_transit', 'out_for_delivery', 'delivered'])
    for (const event of delivered.events) expect(event.occurred_at).toMatch(/Z$/)
    // The simulator stamps the first scan one step after creation, in Istanbul time; kopru reads it back as UTC.
    expect(delivered.events[0]!.occurred_at).toBe(new Date(clock.now() - 5 * STEP).toISOString().replace(/\.\d{3}Z$/, '.000Z'))
    expect(delivered.events[0]!.description).toBe('Kargo Kabul Edildi')
    expect(delivered.events.at(-1)!.location).toEqual({ city: 'İSTANBUL', district: 'KADIKÖY', facility: 'KADIKÖY ŞUBE' })
    expect((await ops['shipments.get']!(ctx, { id: 'KPR-Y-1' })).status).toBe('delivered')
  })

  it('cancels inside the window; after the branch scan the cancel is a conflict with the carrier reason', async () => {
    await ops['shipments.create']!(ctx, { shipment: request('KPR-Y-2') })
    const cancelled = await ops['shipments.cancel']!(ctx, { id: 'KPR-Y-2' })
    expect(cancelled).toMatchObject({ status: 'cancelled', provider_status: 'CNL' })
    // A second cancel is answered "already cancelled" and is not an error.
    expect((await ops['shipments.cancel']!(ctx, { id: 'KPR-Y-2' })).status).toBe('cancelled')

    await ops['shipments.create']!(ctx, { shipment: request('KPR-Y-3') })
    clock.advance(STEP)
    await expect(ops['shipments.cancel']!(ctx, { id: 'KPR-Y-3' })).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      provider: { code: 'ISR', message: 'Kargo işlem görmüş, faturası henüz düzenlenmemiştir.' },
    })
    await expect(ops['shipments.cancel']!(ctx, { id: 'NOPE-1' })).rejects.toMatchObject({ code: 'not_found', provider: { code: '82519' } })
  })

  it('a duplicate cargoKey (60020) is a conflict the gateway reconciles; findShipmentByReference finds it', async () => {
    await ops['shipments.create']!(ctx, { shipment: request('KPR-Y-4') })
    await expect(ops['shipments.create']!(ctx, { shipment: request('KPR-Y-4') })).rejects.toMatchObject({
      code: 'conflict',
      kind: 'duplicate',
      provider: { code: '60020' },
    })
    expect([...sim.shipments.keys()].filter((key) => key === 'KPR-Y-4')).toHaveLength(1)
    expect(await yurtici.findShipmentByReference!(ctx, { reference: 'KPR-Y-4' })).toMatchObject({ reference: 'KPR-Y-4' })
    expect(await yurtici.findShipmentByReference!(ctx, { reference: 'KPR-Y-404' })).toBeNull()
  })

  it.each([
    ['phone format', { recipient: { ...request('x').recipient, phone: '+90 212' } }, '82516', 'body.recipient.phone'],
    ['missing district', { recipient: { ...request('x').recipient, district: undefined } }, '82517', 'body.recipient.district'],
    ['short address', { recipient: { ...request('x').recipient, line1: 'Moda' } }, '82502', 'body.recipient.line1'],
    ['COD on a non-COD user', { cod: { amount: { amount: '100.00', currency: 'TRY' }, collection: 'cash' as const } }, '82513', 'body.cod'],
  ])('validation: %s -> invalid_request naming the field, with errCode', async (_name, patch, code, path) => {
    const failure = ops['shipments.create']!(ctx, { shipment: request(`KPR-V-${code}`, patch) })
    await expect(failure).rejects.toMatchObject({ code: 'invalid_request', status: 400, provider: { id: 'yurtici', code } })
    await expect(failure).rejects.toHaveProperty(['errors', 0, 'path'], path)
  })

  it('an over-long reference (> 20) is refused by Yurtiçi with 82500 on the reference', async () => {
    const failure = ops['shipments.create']!(ctx, { shipment: request('KPR-THIS-REFERENCE-IS-TOO-LONG') })
    await expect(failure).rejects.toMatchObject({ code: 'invalid_request', provider: { code: '82500' }, errors: [{ path: 'body.reference' }] })
  })

  it('COD works on a COD user', async () => {
    const cod = adapterContext(yurtici, { baseUrl: sim.url, credentials: { ws_user_name: 'KPRCOD', ws_password: 'pw-cod' } })
    const created = await ops['shipments.create']!(cod, { shipment: request('KPR-COD-1', { cod: { amount: { amount: '250.5', currency: 'TRY' }, collection: 'card' } }) })
    expect(created.cod).toEqual({ amount: { amount: '250.5', currency: 'TRY' }, collection: 'card' })
    expect(sim.shipments.get('KPR-COD-1')?.cod).toBe(true)
  })

  it('wrong credentials: errCode in HTTP 200 or a YurticikargoWSException fault, both provider_error; verify reports kind auth (the gateway answers 400)', async () => {
    const bad = adapterContext(yurtici, { baseUrl: sim.url, credentials: { ws_user_name: 'KPRSENDER', ws_password: 'wrong' } })
    await expect(ops['shipments.get']!(bad, { id: 'KPR-Y-1' })).rejects.toMatchObject({ code: 'provider_error', status: 502, provider: { code: '80265' } })
    await expect(yurtici.verifyCredentials(bad)).rejects.toMatchObject({ code: 'provider_error', kind: 'auth' })
    sim.control.authFailure = 'fault'
    await expect(ops['shipments.create']!(bad, { shipment: request('KPR-Y-9') })).rejects.toMatchObject({
      code: 'provider_error',
      provider: { code: 'YurticikargoWSException' },
    })
    await expect(yurtici.verifyCredentials(bad)).rejects.toMatchObject({ code: 'provider_error', kind: 'auth' })
    expect(await yurtici.verifyCredentials(ctx)).toEqual({ ws_user_name: 'KPRSENDER' })
  })

  it('HTML pages and truncated XML are provider_error (502); a slow answer past the timeout is provider_timeout', async () => {
    for (const kind of ['html', 'html500', 'truncated'] as const) {
      sim.control.breakNext = [kind]
      await expect(ops['shipments.get']!(ctx, { id: 'KPR-Y-1' })).rejects.toMatchObject({ code: 'provider_error', status: 502 })
    }
    const slow = adapterContext(yurtici, { baseUrl: sim.url, credentials: { ws_user_name: 'KPRSENDER', ws_password: 'pw-sender' }, timeoutMs: 100 })
    sim.control.latencyMs = 300
    await expect(ops['shipments.get']!(slow, { id: 'KPR-Y-1' })).rejects.toMatchObject({ code: 'provider_timeout', status: 504 })
  })

  it('a create whose answer is dropped after creating is found again by reference', async () => {
    sim.control.dropCreateAnswers = 1
    await expect(ops['shipments.create']!(ctx, { shipment: request('KPR-Y-DROP') })).rejects.toMatchObject({ code: 'provider_unavailable' })
    expect(sim.shipments.has('KPR-Y-DROP')).toBe(true)
    expect(await yurtici.findShipmentByReference!(ctx, { reference: 'KPR-Y-DROP' })).toMatchObject({ reference: 'KPR-Y-DROP', status: 'created' })
    // Retrying the create cannot duplicate it: Yurtiçi answers 60020.
    await expect(ops['shipments.create']!(ctx, { shipment: request('KPR-Y-DROP') })).rejects.toMatchObject({ kind: 'duplicate' })
  })
})
