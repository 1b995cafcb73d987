import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { yurtici } from '../../providers/yurtici/index.js'
import { YURTICI_NAMESPACE, YURTICI_PATH } from '../../providers/yurtici/mapping.js'
import { buildSoapEnvelope, type SoapValue } from '../../src/core/provider-kit/index.js'
import { adapterContext } from '../helpers/adapter-context.js'
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
    await expect(failure).rejects.toHaveProperty(['errors', 0, 'path'], 'queryShipment.ShippingDeliveryVO.shippingDeliveryDetailVO[0].shippingDeliveryItemDetailVO.invDocCargoVOArray[0].eventDate')
  })

  it('an answer without ShippingDeliveryVO', async () => {
    answer = { somethingElse: 'x' }
    await expect(yurtici.operations['shipments.get']!(ctx(), { id: 'K1' })).rejects.toHaveProperty(['errors', 0, 'path'], 'queryShipment.ShippingDeliveryVO')
  })
})
