/**
 * A minimal receiver for kopru's webhooks (Standard Webhooks: https://www.standardwebhooks.com).
 * Self-contained — Web-standard Request/Response and WebCrypto only — so it runs on Node (with
 * @hono/node-server or any fetch-handler server), Deno, Bun and Cloudflare Workers. Copy it and replace
 * `onEvent` with your own handling.
 *
 *   KOPRU_WEBHOOK_SECRET=whsec_… npx tsx examples/webhook-receiver.ts      # listens on :3000 (Node)
 *   curl -X PUT $KOPRU/v1/webhook-endpoint -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -d '{"url":"https://you.example/kopru"}'
 *
 * What it shows:
 * 1. Verify `webhook-signature` = `v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<raw body>")>`
 *    with the key = base64-decoded part of the secret after `whsec_`, over the RAW body (never re-serialized
 *    JSON), with `crypto.subtle.verify` (constant-time). Several signatures may be sent, space-separated.
 * 2. Refuse timestamps more than 5 minutes away from now (replays of old captured requests).
 * 3. Deduplicate on `webhook-id`: kopru delivers at least once (a retry after a lost answer, a restart in the
 *    middle of a batch), so the same id can arrive twice; handle it once. Mark an id as seen only after it was
 *    handled, so a crash while handling is retried. Use a database table (unique id) in production.
 * 4. Answer 2xx fast; anything else (or a timeout) makes kopru retry with backoff.
 */

export interface KopruEvent {
  id: string
  type: string
  occurred_at: string
  tenant_id: string
  connection_id: string | null
  provider: string | null
  data: unknown
  previous?: Record<string, unknown>
}

export interface SeenStore {
  has(id: string): boolean | Promise<boolean>
  add(id: string): void | Promise<void>
}

const TOLERANCE_SECONDS = 5 * 60

function base64ToBytes(value: string): Uint8Array {
  const binary = atob(value)
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}

/** True when one of the `v1,` signatures in the header matches; constant-time through WebCrypto. */
export async function verifyWebhook(
  secret: string,
  headers: Headers,
  body: Uint8Array,
  { nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = TOLERANCE_SECONDS } = {},
): Promise<boolean> {
  const id = headers.get('webhook-id')
  const timestamp = headers.get('webhook-timestamp')
  const signatures = headers.get('webhook-signature')
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return false
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false
  const key = await crypto.subtle.importKey('raw', base64ToBytes(secret.replace(/^whsec_/, '')) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ])
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`)
  const signed = new Uint8Array(prefix.length + body.length)
  signed.set(prefix)
  signed.set(body, prefix.length)
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',')
    if (version !== 'v1' || !value) continue
    let mac: Uint8Array
    try {
      mac = base64ToBytes(value)
    } catch {
      continue
    }
    if (await crypto.subtle.verify('HMAC', key, mac as BufferSource, signed as BufferSource)) return true
  }
  return false
}

/** In-memory dedupe for the example; forgets ids after a day. */
export function memorySeenStore(ttlMs = 24 * 3600_000): SeenStore & { size(): number } {
  const seen = new Map<string, number>()
  return {
    has: (id) => {
      const at = seen.get(id)
      return at !== undefined && Date.now() - at < ttlMs
    },
    add: (id) => {
      seen.set(id, Date.now())
    },
    size: () => seen.size,
  }
}

export function createReceiver({
  secret,
  onEvent,
  seen = memorySeenStore(),
  now,
}: {
  secret: string
  onEvent: (event: KopruEvent) => void | Promise<void>
  seen?: SeenStore
  /** Seconds since the epoch (tests pass their clock). */
  now?: () => number
}) {
  return {
    async fetch(request: Request): Promise<Response> {
      if (request.method !== 'POST') return new Response('method not allowed', { status: 405 })
      const body = new Uint8Array(await request.arrayBuffer())
      const ok = await verifyWebhook(secret, request.headers, body, now ? { nowSeconds: now() } : {})
      if (!ok) return new Response('invalid signature', { status: 401 })
      const id = request.headers.get('webhook-id')!
      if (await seen.has(id)) return new Response(null, { status: 204 })
      await onEvent(JSON.parse(new TextDecoder().decode(body)) as KopruEvent)
      await seen.add(id)
      return new Response(null, { status: 204 })
    },
  }
}

const receiver = createReceiver({
  secret: (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.KOPRU_WEBHOOK_SECRET ?? 'whsec_c2V0IEtPUFJVX1dFQkhPT0tfU0VDUkVU',
  onEvent: (event) => console.log(event.type, event.id, event.connection_id),
})
export default receiver

// Node: `npx tsx examples/webhook-receiver.ts` serves the default receiver on :3000 (PORT; 0 picks a free one).
// The receiver above is used as is: importing this module from itself here would wait on its own top-level await.
const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (isMain) {
  const { serve } = await import('@hono/node-server')
  serve({ fetch: receiver.fetch, port: Number(process.env.PORT ?? 3000) }, (info) => {
    console.log(`kopru webhook receiver on http://127.0.0.1:${info.port}`)
  })
}
