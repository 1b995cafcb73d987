import { afterEach, describe, expect, it } from 'vitest'
import { recordEvent } from '../../src/core/events/outbox.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { testGateway } from '../helpers/gateway.js'
import { manualClock } from '../helpers/events.js'

/** A receiver that sends its status and headers at once, then a body that never ends (a chunk every 50 ms). */
async function endlessBodyReceiver(status: number) {
  const seen: string[] = []
  const server: Listening = await listen({
    fetch(request) {
      seen.push(request.headers.get('webhook-id') ?? '')
      let timer: ReturnType<typeof setInterval> | undefined
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          timer = setInterval(() => {
            try {
              controller.enqueue(new TextEncoder().encode('x'.repeat(1024)))
            } catch {
              clearInterval(timer)
            }
          }, 50)
        },
        cancel() {
          clearInterval(timer)
        },
      })
      return new Response(body, { status })
    },
  })
  return { url: server.url, seen, close: () => server.close() }
}

describe('the receiver answer: its status decides, its body is not waited for', () => {
  let close: (() => Promise<void> | void) | undefined
  afterEach(() => close?.())

  it('a 2xx whose body never ends is delivered at once: the body is neither buffered nor waited for', async () => {
    const receiver = await endlessBodyReceiver(200)
    close = receiver.close
    const gw = await testGateway({ events: { deliveryTimeoutMs: 1000, retrySchedule: [1] } })
    const tenant = await gw.tenant()
    const put = await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: receiver.url }) })
    expect(put.status).toBe(200)
    const event = await gw.app.services.db.transaction((tx) =>
      recordEvent(tx, { type: 'order.updated', tenantId: tenant.id, objectType: 'order', objectId: 'A', data: { id: 'A' } }),
    )
    const started = performance.now()
    expect(await gw.app.services.events.delivery.runOnce()).toMatchObject({ delivered: 1, failed: 0 })
    expect(performance.now() - started).toBeLessThan(900)
    const shown = (await (await gw.call(tenant.apiKey, `/v1/events/${event.id}`)).json()) as any
    expect(shown.delivery).toMatchObject({ status: 'delivered', attempts: 1, last_status: 200, last_error: null })
    expect(receiver.seen).toEqual([event.id])
  })

  it('a 5xx whose body never ends is a failed attempt with the status, at once', async () => {
    const receiver = await endlessBodyReceiver(503)
    close = receiver.close
    const gw = await testGateway({ events: { deliveryTimeoutMs: 1000 } })
    const tenant = await gw.tenant()
    await gw.call(tenant.apiKey, '/v1/webhook-endpoint', { method: 'PUT', body: JSON.stringify({ url: receiver.url }) })
    const event = await gw.app.services.db.transaction((tx) =>
      recordEvent(tx, { type: 'order.updated', tenantId: tenant.id, objectType: 'order', objectId: 'A', data: { id: 'A' } }),
    )
    const started = performance.now()
    expect(await gw.app.services.events.delivery.runOnce()).toMatchObject({ delivered: 0, failed: 1 })
    expect(performance.now() - started).toBeLessThan(900)
    const shown = (await (await gw.call(tenant.apiKey, `/v1/events/${event.id}`)).json()) as any
    expect(shown.delivery).toMatchObject({ status: 'pending', attempts: 1, last_status: 503, last_error: 'receiver answered HTTP 503' })
  })
})

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
