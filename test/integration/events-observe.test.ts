import { beforeEach, describe, expect, it } from 'vitest'
import { observe, observationRules } from '../../src/core/events/observe.js'
import { recordEvent } from '../../src/core/events/outbox.js'
import { recordConnectionLifecycleEvent } from '../../src/core/events/connection-events.js'
import { connections } from '../../src/db/schema.js'
import type { Shipment } from '../../src/models/index.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'

const address = { name: 'Elif Arslan', line1: 'Lale Sok. 3', district: 'Nilüfer', city: 'Bursa', country_code: 'TR' }
const shipment = (status: Shipment['status'], extra: Partial<Shipment> = {}): Shipment => ({
  id: 'shp_1',
  provider: 'yurtici',
  connection_id: 'conn_carrier',
  carrier: 'yurtici',
  reference: 'KPR-1',
  tracking_number: '3010000001',
  status,
  provider_status: status,
  shipper: address,
  recipient: address,
  parcels: [{ weight_kg: 1.2, desi: 3 }],
  cod: null,
  label: null,
  tracking_url: null,
  created_at: '2026-11-28T10:00:00.000Z',
  raw: { secretish: 'never in events' },
  ...extra,
})

describe('change detection rules and the outbox transaction', () => {
  let gw: TestGateway
  let tenantId: string
  beforeEach(async () => {
    gw = await testGateway()
    tenantId = (await gw.tenant()).id
    await gw.app.services.db.insert(connections).values({ id: 'conn_carrier', tenantId, provider: 'yurtici', environment: 'sandbox', credentials: 'v1.x.y.z' })
  })

  const connection = () => ({ id: 'conn_carrier', tenantId, provider: 'yurtici' })
  const see = (object: Shipment) => gw.app.services.db.transaction((tx) => observe(tx, { connection: connection(), object: { type: 'shipment', data: object } }))

  it('shipments: first sight is silent, a status change is shipment.status_changed, other changes are silent', async () => {
    expect(observationRules.shipment).toEqual({ created: null, statusChanged: 'shipment.status_changed', updated: null, statusFields: ['status'] })
    expect(await see(shipment('label_created'))).toBeNull()
    expect(await see(shipment('label_created'))).toBeNull()
    expect(await see(shipment('label_created', { tracking_url: 'https://yurticikargo.com/x' }))).toBeNull()
    const changed = await see(shipment('in_transit', { tracking_url: 'https://yurticikargo.com/x' }))
    expect(changed).toMatchObject({ type: 'shipment.status_changed', connection_id: 'conn_carrier', provider: 'yurtici', previous: { status: 'label_created' }, data: { id: 'shp_1', status: 'in_transit' } })
    expect((changed!.data as Record<string, unknown>).raw).toBeUndefined()
  })

  it('orders: the rule table names created, status_changed and updated, and which fields are status', () => {
    expect(observationRules.order).toEqual({
      created: 'order.created',
      statusChanged: 'order.status_changed',
      updated: 'order.updated',
      statusFields: ['status', 'fulfillment_status', 'payment_status', 'provider_status'],
    })
  })

  it('an event recorded in a transaction that rolls back does not exist', async () => {
    await gw.app.services.db
      .transaction(async (tx) => {
        await recordEvent(tx, { type: 'inventory.job_completed', tenantId, objectType: 'inventory_job', objectId: 'job_1', data: { id: 'job_1' } })
        throw new Error('the state change failed')
      })
      .catch(() => undefined)
    const committed = await gw.app.services.db.transaction((tx) =>
      recordEvent(tx, { type: 'inventory.job_completed', tenantId, connectionId: 'conn_x', provider: 'trendyol', objectType: 'inventory_job', objectId: 'job_2', data: { id: 'job_2', status: 'completed' } }),
    )
    const listed = await gw.app.services.db.query.events.findMany()
    expect(listed.map((row) => row.id)).toEqual([committed.id])
    expect(listed[0]).toMatchObject({ status: 'no_endpoint', objectKey: 'conn_x/inventory_job/job_2', type: 'inventory.job_completed' })
  })

  it('records connection lifecycle events reported in the (tx, {type, tenantId, connectionId, data}) shape', async () => {
    await gw.app.services.db.transaction((tx) =>
      recordConnectionLifecycleEvent(tx, { type: 'connection.needs_reauth', tenantId, connectionId: 'conn_carrier', data: { provider: 'yurtici', reason: 'invalid_grant' } }),
    )
    await gw.app.services.db.transaction((tx) =>
      recordConnectionLifecycleEvent(tx, { type: 'connection.reauthorized', tenantId, connectionId: 'conn_carrier', data: { provider: 'yurtici' } }),
    )
    await expect(
      gw.app.services.db.transaction((tx) => recordConnectionLifecycleEvent(tx, { type: 'connection.exploded', tenantId, connectionId: 'conn_carrier', data: {} })),
    ).rejects.toThrow(/unknown event type/)
    const rows = await gw.app.services.db.query.events.findMany({ orderBy: (events, { asc }) => [asc(events.seq)] })
    expect(rows.map((row) => [row.type, row.provider, row.objectKey])).toEqual([
      ['connection.needs_reauth', 'yurtici', 'conn_carrier/connection/conn_carrier'],
      ['connection.reauthorized', 'yurtici', 'conn_carrier/connection/conn_carrier'],
    ])
    expect(rows[0]!.payload).toMatchObject({ data: { id: 'conn_carrier', provider: 'yurtici', reason: 'invalid_grant' } })
  })
})
