import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { yurtici } from '../../providers/yurtici/index.js'
import { YURTICI_NAMESPACE, YURTICI_PATH } from '../../providers/yurtici/mapping.js'
import { buildSoapEnvelope, type SoapValue } from '../../src/core/provider-kit/index.js'
import { adapterContext } from '../helpers/adapter-context.js'
import { expectProblem, testGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

/** A Yurtiçi endpoint that answers every queryShipment with `detail` (schema-surprising answers). */
let answer: Record<string, SoapValue> = {}
const app = new Hono().post(YURTICI_PATH, (c) =>
  c.body(buildSoapEnvelope({ namespace: YURTICI_NAMESPACE, operation: 'queryShipmentResponse', params: answer }), 200, { 'content-type': 'text/xml' }),
)

describe('Yurtiçi answers are read through wire schemas: surprises are 502 naming the field', () => {
  let server: Awaited<ReturnType<typeof serveSimulator<{ app: Hono }>>>
  beforeAll(async () => {
    server = await serveSimulator({ app })
  })
  afterAll(() => server.server.close())
  const ctx = () => adapterContext(yurtici, { baseUrl: server.url, credentials: { ws_user_name: 'U', ws_password: 'P' } })

  it('an event date that is not YYYYMMDD', async () => {
    answer = {
      ShippingDeliveryVO: {
        outFlag: '0',
        shippingDeliveryDetailVO: { cargoKey: 'K1', operationStatus: 'IND', shippingDeliveryItemDetailVO: { invDocCargoVOArray: { eventId: 'AT', eventDate: 'dün', eventTime: '101010' } } },
      },
    }
    const failure = yurtici.operations['shipments.get']!(ctx(), { id: 'K1' })
    await expect(failure).rejects.toMatchObject({ code: 'provider_error', status: 502 })
    await expect(failure).rejects.toHaveProperty(['errors', 0, 'path'], 'queryShipmentResponse.ShippingDeliveryVO.shippingDeliveryDetailVO[0].shippingDeliveryItemDetailVO.invDocCargoVOArray[0].eventDate')
  })

  it('an answer without ShippingDeliveryVO', async () => {
    answer = { somethingElse: 'x' }
    await expect(yurtici.operations['shipments.get']!(ctx(), { id: 'K1' })).rejects.toHaveProperty(['errors', 0, 'path'], 'queryShipmentResponse.ShippingDeliveryVO')
  })

  it('over HTTP: the client gets 502 provider_error whose errors[].path names Yurtiçi’s field', async () => {
    const gw = await testGateway({ env: { KOPRU_PROVIDER_YURTICI_BASE_URL: server.url } })
    const { apiKey } = await gw.tenant()
    answer = { ShippingDeliveryVO: { outFlag: '1', shippingDeliveryDetailVO: { cargoKey: 'KOPRU-VERIFY', errCode: '82519', errMessage: 'bulunamadı' } } }
    const created = await gw.call(apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'yurtici', credentials: { ws_user_name: 'U', ws_password: 'P' } }) })
    expect(created.status).toBe(201)
    const connection = ((await created.json()) as { id: string }).id
    answer = { ShippingDeliveryVO: { outFlag: '0', shippingDeliveryDetailVO: { cargoKey: 'K1', operationCode: { nested: 'x' } } } }
    const problem = await expectProblem(await gw.call(apiKey, '/v1/shipments/K1', { connection }), 502, 'provider_error')
    expect(problem.errors[0].path).toBe('queryShipmentResponse.ShippingDeliveryVO.shippingDeliveryDetailVO[0].operationCode')
    expect(problem.provider.id).toBe('yurtici')
  })
})
