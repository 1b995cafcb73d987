import { afterEach, describe, expect, it } from 'vitest'
import { recordEvent } from '../../src/core/events/outbox.js'
import { listen } from '../../src/node/listen.js'
import { testGateway } from '../helpers/gateway.js'
import { manualClock } from '../helpers/events.js'

describe("the receiver's Retry-After", () => {
  let close: (() => Promise<void> | void) | undefined
  afterEach(() => close?.())

  it('as an HTTP-date (RFC 9110 §10.2.3) lengthens the wait like delta-seconds do', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 28, 12, 0, 0))
    const retryAt = new Date(clock.now() + 20 * 60_000)
    const server = await listen({ fetch: () => new Response('busy', { status: 503, headers: { 'retry-after': retryAt.toUTCString() } }) })
    close = server.close
    const gw = await testGateway({ events: { clock } })
    const tenant = await gw.tenant()
    await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: server.url }) })
    const event = await gw.app.services.db.transaction((tx) =>
      recordEvent(tx, { type: 'order.updated', tenantId: tenant.id, objectType: 'order', objectId: 'A', data: { id: 'A' }, now: new Date(clock.now()) }),
    )
    await gw.app.services.events.delivery.runOnce()
    const shown = (await (await gw.call(tenant.apiKey, `/v1/events/${event.id}`)).json()) as any
    expect(shown.delivery).toMatchObject({ status: 'pending', last_status: 503, next_attempt_at: retryAt.toISOString() })
  })
})
