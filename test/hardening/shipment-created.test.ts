import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { events as eventsTable } from '../../src/db/schema.js'
import { demoGateway, type DemoGateway } from '../helpers/demo-gateway.js'

let demo: DemoGateway
beforeAll(async () => {
  demo = await demoGateway()
})
afterAll(() => demo.simulators.close())

const body = {
  shipper: { name: 'Köprü Mağaza', line1: 'Caferağa Mah. Moda Cad. No:1', district: 'Kadıköy', city: 'İstanbul', country_code: 'TR', phone: '+902161234567' },
  recipient: { name: 'Şeyma Güneş', line1: 'Bostanlı Mah. No:12', district: 'Karşıyaka', city: 'İzmir', country_code: 'TR', phone: '+905321234567' },
  parcels: [{ weight_kg: 1.2, length_cm: 30, width_cm: 20, height_cm: 15 }],
}

describe('shipment.created', () => {
  it('is recorded once per shipment created through kopru, replays included, without the label', async () => {
    const send = () =>
      demo.gw.call(demo.apiKey, '/v1/shipments', { method: 'POST', connection: demo.connectionOf.mng, headers: { 'idempotency-key': 'ship-once-1' }, body: JSON.stringify(body) })
    const first = await send()
    expect(first.status).toBe(201)
    const shipment = (await first.json()) as { id: string; label: unknown }
    expect((await send()).status).toBe(201)
    const rows = await demo.gw.app.services.db.select().from(eventsTable).where(eq(eventsTable.type, 'shipment.created'))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.payload.data).toMatchObject({ id: shipment.id, provider: 'mng', status: expect.any(String), label: null })
  })
})
