import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { recordEvent } from '../../src/core/events/outbox.js'
import { testGateway, type TestGateway } from '../helpers/gateway.js'
import { manualClock, testReceiver, type ManualClock, type TestReceiver } from '../helpers/events.js'

const SECOND = 1000
const HOUR = 3600 * SECOND

describe('deleting the webhook endpoint settles its pending events at once', () => {
  let gw: TestGateway
  let clock: ManualClock
  let receiver: TestReceiver
  let tenant: { id: string; apiKey: string }

  beforeAll(async () => {
    clock = manualClock()
    receiver = await testReceiver({ now: clock.now })
  })
  afterAll(() => receiver.close())

  beforeEach(async () => {
    clock.set(Date.UTC(2026, 10, 28, 12, 0, 0))
    gw = await testGateway({ events: { clock } })
    tenant = await gw.tenant()
    receiver.down = false
    receiver.attempts.length = 0
    receiver.handled.length = 0
  })

  const putEndpoint = async () => {
    const response = await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: `${receiver.url}/kopru` }) })
    expect(response.status).toBe(200)
    receiver.useSecret(((await response.json()) as { secret: string }).secret)
  }
  const record = (objectId: string) =>
    gw.app.services.db.transaction((tx) =>
      recordEvent(tx, {
        type: 'order.updated', tenantId: tenant.id, connectionId: 'conn_test', provider: 'trendyol',
        objectType: 'order', objectId, data: { id: objectId }, now: new Date(clock.now()),
      }),
    )
  const getEvent = async (id: string) => (await (await gw.call(tenant.apiKey, `/v1/events/${id}`)).json()) as any
  const runFor = async (ms: number, step = 5 * 60 * SECOND) => {
    for (let t = 0; t < ms; t += step) {
      clock.advance(step)
      await gw.app.services.events.delivery.runOnce()
    }
  }

  it('pending events (tried or not) become no_endpoint with the reason, are never attempted again, and a re-created endpoint gets no stale history', async () => {
    await putEndpoint()
    receiver.down = true
    const tried = await record('A')
    const untried = await record('A')
    await gw.app.services.events.delivery.runOnce()
    expect(receiver.attempts.map((a) => a.id)).toEqual([tried.id])

    expect((await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'DELETE' })).status).toBe(204)
    for (const [event, attempts] of [[tried, 1], [untried, 0]] as const) {
      expect((await getEvent(event.id)).delivery).toMatchObject({
        status: 'no_endpoint', attempts, next_attempt_at: null, last_error: expect.stringContaining('webhook endpoint was deleted'),
      })
    }
    await runFor(30 * HOUR)
    expect((await getEvent(tried.id)).delivery).toMatchObject({ status: 'no_endpoint', attempts: 1 })

    receiver.down = false
    await putEndpoint()
    const fresh = await record('A')
    await runFor(10 * SECOND, SECOND)
    expect(receiver.handled.map((e) => e.id)).toEqual([fresh.id])
    expect((await gw.call(tenant.apiKey, `/v1/events/${tried.id}/redeliver`, { method: 'POST' })).status).toBe(202)
    await runFor(10 * SECOND, SECOND)
    expect(receiver.handled.map((e) => e.id)).toEqual([fresh.id, tried.id])
  })

  it('an event that committed as pending while the endpoint was being deleted is settled by the worker, not attempted', async () => {
    await putEndpoint()
    const straggler = await record('B')
    // What a recordEvent racing the DELETE leaves behind: pending, with no endpoint any more.
    await gw.app.services.events.endpoints.delete(tenant.id)
    await gw.app.services.db.execute(`update events set status = 'pending' where id = '${straggler.id}'`)
    const run = await gw.app.services.events.delivery.runOnce()
    expect(run).toMatchObject({ failed: 0, dead: 0 })
    expect((await getEvent(straggler.id)).delivery).toMatchObject({
      status: 'no_endpoint', attempts: 0, last_attempt_at: null, last_error: expect.stringContaining('webhook endpoint was deleted'),
    })
    expect(receiver.attempts).toEqual([])
  })

  it('an attempt in flight when the endpoint is deleted is still recorded with its outcome', async () => {
    await putEndpoint()
    receiver.delayMs = 300
    const event = await record('C')
    const pass = gw.app.services.events.delivery.runOnce()
    while (receiver.inflight === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    expect((await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'DELETE' })).status).toBe(204)
    await pass
    receiver.delayMs = 0
    expect((await getEvent(event.id)).delivery).toMatchObject({ status: 'delivered', attempts: 1, last_status: 204 })
  })
})
