import { listen, type Listening } from '../../src/node/listen.js'
import { createReceiver, type KopruEvent } from '../../examples/webhook-receiver.js'

/** A clock tests move by hand; the gateway's delivery, polling and replay checks read it. */
export function manualClock(start = Date.now()) {
  let now = start
  return {
    now: () => now,
    set: (ms: number) => {
      now = ms
    },
    advance: (ms: number) => {
      now += ms
    },
  }
}
export type ManualClock = ReturnType<typeof manualClock>

/**
 * A webhook receiver over real HTTP, built on examples/webhook-receiver.ts (signature check and dedupe on
 * webhook-id). It records every attempt (`attempts`, even refused ones) and each event it handled (`handled`).
 */
export async function testReceiver({ secret = '', now, delayMs = 0 }: { secret?: string; now?: () => number; delayMs?: number } = {}) {
  const state = {
    secret,
    down: false,
    delayMs,
    /** Requests being handled right now. */
    inflight: 0,
    attempts: [] as { id: string; at: number; status: number }[],
    handled: [] as KopruEvent[],
  }
  let receiver = build()
  function build() {
    return createReceiver({
      secret: state.secret,
      now: now ? () => Math.floor(now() / 1000) : undefined,
      onEvent: (event) => void state.handled.push(event),
    })
  }
  const server: Listening = await listen({
    async fetch(request) {
      const id = request.headers.get('webhook-id') ?? ''
      state.inflight++
      try {
        if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs))
        const response = state.down ? new Response('down', { status: 503 }) : await receiver.fetch(request)
        state.attempts.push({ id, at: now?.() ?? Date.now(), status: response.status })
        return response
      } finally {
        state.inflight--
      }
    },
  })
  return Object.assign(state, {
    url: server.url,
    close: () => server.close(),
    /** Uses a new secret (from PUT /v1/webhook-endpoint) with a fresh dedupe store. */
    useSecret(value: string) {
      state.secret = value
      receiver = build()
    },
  })
}
export type TestReceiver = Awaited<ReturnType<typeof testReceiver>>
