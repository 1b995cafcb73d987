import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aras } from '../../providers/aras/index.js'
import { ARAS_NAMESPACE, ARAS_ORDER_PATH, ARAS_QUERY_PATH } from '../../providers/aras/mapping.js'
import { buildSoapEnvelope } from '../../src/core/provider-kit/index.js'
import { adapterContext } from '../helpers/adapter-context.js'
import { serveSimulator } from '../helpers/simulators.js'

/** An Aras endpoint answering GetQueryJSON with `queryJson` and SetOrder with `setOrder` (schema surprises). */
let queryJson: unknown = {}
let setOrder: Record<string, unknown> = {}
const envelope = (operation: string, params: Record<string, unknown>) =>
  buildSoapEnvelope({ namespace: ARAS_NAMESPACE, elementForm: 'qualified', operation: `${operation}Response`, params: params as never })
const app = new Hono()
  .post(ARAS_QUERY_PATH, (c) => c.body(envelope('GetQueryJSON', { GetQueryJSONResult: JSON.stringify(queryJson) }), 200, { 'content-type': 'text/xml' }))
  .post(ARAS_ORDER_PATH, (c) => c.body(envelope('SetOrder', setOrder), 200, { 'content-type': 'text/xml' }))

const credentials = { user_name: 'u', password: 'p', query_user_name: 'q', query_password: 'qp', customer_code: '1' }
const request = {
  reference: 'KPR-W-1',
  shipper: { name: 'A', line1: 'Moda Cad. No:1', city: 'İstanbul', country_code: 'TR' },
  recipient: { name: 'B', phone: '+903121234567', line1: 'Kızılay Mah. No:2', district: 'Çankaya', city: 'Ankara', country_code: 'TR' },
  parcels: [{ weight_kg: 1 }],
}

describe('Aras answers are read through wire schemas: surprises are 502 naming the field', () => {
  let server: Awaited<ReturnType<typeof serveSimulator<{ app: Hono }>>>
  beforeAll(async () => {
    server = await serveSimulator({ app })
  })
  afterAll(() => server.server.close())
  const ctx = () => adapterContext(aras, { baseUrl: server.url, credentials })

  it('a movement time that is not dd.MM.yyyy HH:mm:ss', async () => {
    queryJson = { QueryResult: { Cargo: [{ MUSTERI_OZEL_KODU: 'KPR-W-1', KARGO_TAKIP_NO: '1', DURUM_KODU: '2' }], CargoTransaction: [{ ISLEM_TARIHI: 'yarın' }] } }
    const failure = aras.operations['tracking.get']!(ctx(), { trackingNumber: '1' })
    await expect(failure).rejects.toMatchObject({ code: 'provider_error', status: 502 })
    await expect(failure).rejects.toHaveProperty(['errors', 0, 'path'], 'GetQueryJSONResult.QueryResult.CargoTransaction[0].ISLEM_TARIHI')
  })

  it('a SetOrder answer without a ResultCode', async () => {
    setOrder = { SetOrderResult: { OrderResultInfo: { ResultMessage: 'ok?' } } }
    const failure = aras.operations['shipments.create']!(ctx(), { shipment: request as never })
    await expect(failure).rejects.toMatchObject({ code: 'provider_error', status: 502 })
    await expect(failure).rejects.toHaveProperty(['errors', 0, 'path'], 'SetOrderResponse.SetOrderResult.OrderResultInfo[0].ResultCode')
  })
})
