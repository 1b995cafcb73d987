import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mng } from '../../providers/mng/index.js'
import { adapterContext } from '../helpers/adapter-context.js'
import { serveSimulator } from '../helpers/simulators.js'

/** An MNG endpoint with a valid /token and whatever `answers[path]` says elsewhere (schema surprises). */
const answers: Record<string, unknown> = {}
const app = new Hono()
  .post('/token', (c) => c.json([{ jwt: 'jwt-1', jwtExpireDate: '01.01.2099 00:00:00' }]))
  .all('*', (c) => c.json(answers[new URL(c.req.url).pathname] ?? []))

const credentials = { client_id: 'c', client_secret: 's', customer_number: '123', password: 'p' }

describe('MNG answers are read through wire schemas: surprises are 502 naming the field', () => {
  let server: Awaited<ReturnType<typeof serveSimulator<{ app: Hono }>>>
  beforeAll(async () => {
    server = await serveSimulator({ app })
  })
  afterAll(() => server.server.close())
  const ctx = () => adapterContext(mng, { baseUrl: server.url, credentials })

  it('a tracking event time MNG never writes', async () => {
    answers['/standardqueryapi/getshipmentByShipmentId/123456789012'] = [{ shipmentId: '123456789012', shipmentStatusCode: 2 }]
    answers['/standardqueryapi/trackshipmentByShipmentId/123456789012'] = [{ eventSequence: 1, eventStatusCode: 2, eventStatus: 'Yolda', eventDateTime: 'dün akşam' }]
    const failure = mng.operations['tracking.get']!(ctx(), { trackingNumber: '123456789012' })
    await expect(failure).rejects.toMatchObject({ code: 'provider_error', status: 502 })
    await expect(failure).rejects.toHaveProperty(['errors', 0, 'path'], 'trackshipment[0].eventDateTime')
  })

  it('a price that is not a number', async () => {
    answers['/cbsinfoapi/getcities'] = [{ code: '34', name: 'İSTANBUL  34' }]
    answers['/cbsinfoapi/getdistricts/34'] = [{ code: '1449', name: 'KADIKÖY' }]
    answers['/standardqueryapi/calculate'] = [{ finalTotal: 'n/a' }]
    const request = {
      shipper: { name: 'A', line1: 'Moda Cad. No:1', city: 'İstanbul', country_code: 'TR' },
      recipient: { name: 'B', line1: 'Moda Cad. No:2', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR' },
      parcels: [{ weight_kg: 1 }],
    }
    const failure = mng.operations['rates.list']!(ctx(), { request: request as never })
    await expect(failure).rejects.toHaveProperty(['errors', 0, 'path'], 'calculate.finalTotal')
  })
})
