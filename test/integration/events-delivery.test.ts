import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { recordEvent } from '../../src/core/events/outbox.js'
import type { EventType, UnifiedEvent } from '../../src/core/events/types.js'
import { expectProblem, testGateway, type TestGateway } from '../helpers/gateway.js'
import { manualClock, testReceiver, type ManualClock, type TestReceiver } from '../helpers/events.js'

const SECOND = 1000
const MINUTE = 60 * SECOND

describe('outbound webhooks: outbox, retries, ordering, dead letters, redelivery', () => {
  let gw: TestGateway
  let clock: ManualClock
  let receiver: TestReceiver
  let tenant: { id: string; apiKey: string }

  beforeAll(async () => {
    clock = manualClock()
    receiver = await testReceiver({ now: clock.now })
  })
  afterAll(() => receiver.close())

  async function setup(retrySchedule?: number[]) {
    clock.set(Date.UTC(2026, 10, 28, 12, 0, 0))
    gw = await testGateway({ events: { clock, retrySchedule } })
    tenant = await gw.tenant()
    receiver.down = false
    receiver.attempts.length = 0
    receiver.handled.length = 0
  }

  async function putEndpoint() {
    const response = await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: `${receiver.url}/kopru` }) })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { secret: string; url: string }
    receiver.useSecret(body.secret)
    return body
  }

  const record = (objectId: string, type: EventType = 'order.updated', data: Record<string, unknown> = {}) =>
    gw.app.services.db.transaction((tx) =>
      recordEvent(tx, {
        type,
        tenantId: tenant.id,
        connectionId: 'conn_test',
        provider: 'trendyol',
        objectType: 'order',
        objectId,
        data: { id: objectId, ...data },
        now: new Date(clock.now()),
      }),
    )

  const listEvents = async (query = '') => {
    const response = await gw.call(tenant.apiKey, `/v1/events${query}`)
    expect(response.status).toBe(200)
    return (await response.json()) as { data: any[]; next_cursor: string | null }
  }

  beforeEach(() => setup())

  it('PUT /v1/webhook-endpoint returns a whsec_ secret, keeps it across PUTs, rotates on request, refuses bad URLs', async () => {
    const first = await putEndpoint()
    expect(first.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    const again = await putEndpoint()
    expect(again.secret).toBe(first.secret)
    const rotated = await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: receiver.url, rotate_secret: true }) })
    expect(((await rotated.json()) as { secret: string }).secret).not.toBe(first.secret)
    for (const url of ['ftp://example.com/x', 'not a url', 'https://user:pw@example.com/']) {
      await expectProblem(await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url }) }), 400, 'invalid_request')
    }
    const other = await gw.tenant('Other')
    await expectProblem(await gw.call(other.apiKey, '/v1/webhook-endpoint'), 404, 'not_found')
  })

  it('receiver down for 10 minutes of simulated time: every event arrives afterwards, once, in order per object', async () => {
    await putEndpoint()
    const order = ['A', 'B', 'A', 'A', 'B', 'C']
    const recorded: UnifiedEvent[] = []
    for (const [i, objectId] of order.entries()) recorded.push(await record(objectId, 'order.updated', { n: i }))
    const start = clock.now()
    receiver.down = true
    for (let t = 0; t <= 40 * MINUTE; t += 5 * SECOND) {
      clock.set(start + t)
      if (t === 10 * MINUTE) receiver.down = false
      await gw.app.services.events.delivery.runOnce()
    }
    // While down, only the head of each object's queue was tried: 0 s, 5 s, 35 s, 2 min 35 s after the start.
    const whileDown = receiver.attempts.filter((a) => a.at < start + 10 * MINUTE)
    expect(new Set(whileDown.map((a) => a.id))).toEqual(new Set([recorded[0]!.id, recorded[1]!.id, recorded[5]!.id]))
    expect(whileDown.filter((a) => a.id === recorded[0]!.id).map((a) => (a.at - start) / SECOND)).toEqual([0, 5, 35, 155])
    // Afterwards: all six, each once, and per object in recording order.
    expect(receiver.handled.map((e) => e.id).sort()).toEqual(recorded.map((e) => e.id).sort())
    const byObject = (id: string) => receiver.handled.filter((e) => (e.data as { id: string }).id === id).map((e) => (e.data as { n: number }).n)
    expect(byObject('A')).toEqual([0, 2, 3])
    expect(byObject('B')).toEqual([1, 4])
    const firstDelivery = Math.min(...receiver.attempts.filter((a) => a.status === 204).map((a) => a.at))
    expect((firstDelivery - start) / SECOND).toBe(755) // the fifth attempt: 0 + 5 s + 30 s + 2 min + 10 min
    const listed = await listEvents()
    expect(listed.data.every((e) => e.delivery.status === 'delivered')).toBe(true)
    expect(listed.data.find((e) => e.id === recorded[0]!.id).delivery).toMatchObject({ attempts: 5, last_status: 204, last_error: null })
  })

  it('dead after the last attempt; a dead event does not block its successors; redelivery sends it again', async () => {
    await setup([1 * SECOND, 2 * SECOND])
    await putEndpoint()
    const first = await record('A')
    receiver.down = true
    for (let t = 0; t <= 10 * SECOND; t += SECOND) {
      clock.advance(SECOND)
      await gw.app.services.events.delivery.runOnce()
    }
    expect(receiver.attempts.map((a) => a.id)).toEqual([first.id, first.id, first.id])
    const dead = await listEvents('?status=dead')
    expect(dead.data.map((e) => e.id)).toEqual([first.id])
    expect(dead.data[0].delivery).toMatchObject({ status: 'dead', attempts: 3, last_status: 503, next_attempt_at: null })
    receiver.down = false
    const second = await record('A')
    await gw.app.services.events.delivery.runOnce()
    expect(receiver.handled.map((e) => e.id)).toEqual([second.id])

    const redelivered = await gw.call(tenant.apiKey, `/v1/events/${first.id}/redeliver`, { method: 'POST' })
    expect(redelivered.status).toBe(202)
    expect(((await redelivered.json()) as any).delivery).toMatchObject({ status: 'pending', attempts: 0 })
    await gw.app.services.events.delivery.runOnce()
    expect(receiver.handled.map((e) => e.id)).toEqual([second.id, first.id])
    // Redelivering a delivered event sends it again with the same webhook-id (receivers deduplicate on it).
    expect((await gw.call(tenant.apiKey, `/v1/events/${second.id}/redeliver`, { method: 'POST' })).status).toBe(202)
    await gw.app.services.events.delivery.runOnce()
    expect(receiver.attempts.filter((a) => a.id === second.id)).toHaveLength(2)
    expect(receiver.handled.filter((e) => e.id === second.id)).toHaveLength(1)
    await expectProblem(await gw.call(tenant.apiKey, '/v1/events/evt_nope/redeliver', { method: 'POST' }), 404, 'not_found')
  })

  it('events recorded without an endpoint are listed as no_endpoint and sent only on redelivery', async () => {
    const early = await record('A', 'order.created')
    await gw.app.services.events.delivery.runOnce()
    expect(receiver.attempts).toHaveLength(0)
    await expectProblem(await gw.call(tenant.apiKey, `/v1/events/${early.id}/redeliver`, { method: 'POST' }), 409, 'conflict')
    await putEndpoint()
    const later = await record('A', 'order.updated')
    await gw.app.services.events.delivery.runOnce()
    expect(receiver.handled.map((e) => e.id)).toEqual([later.id])
    expect((await listEvents('?status=no_endpoint')).data.map((e) => e.id)).toEqual([early.id])
    expect((await gw.call(tenant.apiKey, `/v1/events/${early.id}/redeliver`, { method: 'POST' })).status).toBe(202)
    await gw.app.services.events.delivery.runOnce()
    expect(receiver.handled.map((e) => e.id)).toEqual([later.id, early.id])
    expect(receiver.handled[1]).toMatchObject({ type: 'order.created', tenant_id: tenant.id, connection_id: 'conn_test', provider: 'trendyol', data: { id: 'A' } })
  })

  it('GET /v1/events pages newest first with a cursor, filters by type and status, and is tenant-scoped', async () => {
    const ids = []
    for (let i = 0; i < 5; i++) ids.push((await record(`O${i}`, i % 2 ? 'order.created' : 'order.updated')).id)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { data: any[]; next_cursor: string | null } = await listEvents(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.data.map((e) => e.id))
      cursor = page.next_cursor
    } while (cursor)
    expect(seen).toEqual([...ids].reverse())
    expect((await listEvents('?type=order.created')).data.map((e) => e.id)).toEqual([ids[3], ids[1]])
    expect((await listEvents('?status=delivered')).data).toEqual([])
    const one = await gw.call(tenant.apiKey, `/v1/events/${ids[0]}`)
    expect(await one.json()).toMatchObject({ id: ids[0], type: 'order.updated', data: { id: 'O0' }, delivery: { status: 'no_endpoint', attempts: 0 } })
    await expectProblem(await gw.call(tenant.apiKey, '/v1/events?type=order.exploded'), 400, 'invalid_request')
    await expectProblem(await gw.call(tenant.apiKey, '/v1/events?cursor=bm9wZQ'), 400, 'invalid_request')
    const other = await gw.tenant('Other')
    expect((await (await gw.call(other.apiKey, '/v1/events')).json()) as any).toEqual({ data: [], next_cursor: null })
    await expectProblem(await gw.call(other.apiKey, `/v1/events/${ids[0]}`), 404, 'not_found')
  })

  it('keeps finished events for the retention period, pending ones for good', async () => {
    await putEndpoint()
    const delivered = await record('A')
    await gw.app.services.events.delivery.runOnce()
    receiver.down = true
    const pending = await record('B')
    await gw.app.services.events.delivery.runOnce()
    clock.advance(29 * 24 * 60 * MINUTE)
    expect(await gw.app.services.events.delivery.prune()).toBe(0)
    clock.advance(2 * 24 * 60 * MINUTE)
    expect(await gw.app.services.events.delivery.prune()).toBe(1)
    expect((await listEvents()).data.map((e) => e.id)).toEqual([pending.id])
    expect(delivered.id).not.toBe(pending.id)
  })

  it('filters the list by connection', async () => {
    const mine = await record('A')
    await gw.app.services.db.transaction((tx) =>
      recordEvent(tx, { type: 'order.updated', tenantId: tenant.id, connectionId: 'conn_other', objectType: 'order', objectId: 'Z', data: { id: 'Z' } }),
    )
    expect((await listEvents('?connection_id=conn_test')).data.map((e) => e.id)).toEqual([mine.id])
  })

  it('signs with the tenant secret: a receiver holding another secret refuses, and kopru retries', async () => {
    await putEndpoint()
    receiver.useSecret('whsec_' + btoa('a different secret of 32 bytes!!'))
    const event = await record('A')
    await gw.app.services.events.delivery.runOnce()
    expect(receiver.attempts).toEqual([{ id: event.id, at: clock.now(), status: 401 }])
    expect(receiver.handled).toEqual([])
    const [listed] = (await listEvents()).data
    expect(listed.delivery).toMatchObject({ status: 'pending', attempts: 1, last_status: 401, last_error: 'receiver answered HTTP 401' })
  })
})
