/**
 * Inbound provider webhooks: the optional `webhooks` part of a provider definition (DESIGN.md §5) and the
 * shared verifiers adapters use. Verification is WebCrypto only; comparisons are constant-time.
 */
import type { Order } from '../../models/order.js'
import type { Shipment } from '../../models/shipment.js'
import { timingSafeEqual } from '../crypto.js'
import { base64ToBytes, utf8 } from '../encoding.js'
import type { Logger } from '../logger.js'
import type { ConnectionInfo, OperationContext } from './types.js'

/** What a delivery proved about itself, or why it is refused (the reason is logged, never sent back). */
export type WebhookVerdict =
  | {
      ok: true
      /** Identifies this delivery for replay protection: the provider's delivery id, or a hash of the body. */
      deliveryId: string
      /** When the provider says it sent the delivery; older than the replay window is refused. */
      sentAt?: Date
    }
  | { ok: false; reason: string }

export interface WebhookVerifyInput<C> {
  headers: Headers
  /** The raw bytes as received: signatures are over these, never over re-serialized JSON. */
  body: Uint8Array
  connection: ConnectionInfo
  credentials: C
  /** The secret kopru generated when it registered this connection's webhook at the provider, if it did. */
  registeredSecret: string | null
  /** The operator's app secret for this provider (`KOPRU_PROVIDER_<ID>_CLIENT_SECRET`), for app-signed webhooks. */
  appSecret: string | null
}

/** A provider object a delivery (or a poll) reports; the gateway turns changes into unified events. */
export type ObservedObject = { type: 'order'; data: Order } | { type: 'shipment'; data: Shipment }

export interface ProviderWebhooks<C> {
  /**
   * Path segment used in the URL kopru registers (`/webhooks/{segment}/{connection_id}`), for providers that
   * refuse URLs containing their own name (Trendyol). Defaults to the provider id; both are accepted.
   */
  urlSegment?: string
  verify(input: WebhookVerifyInput<C>): Promise<WebhookVerdict>
  /** The verified payload (parsed JSON) -> the unified objects it reports. */
  toEvents(input: { payload: unknown; headers: Headers; connection: ConnectionInfo; log: Logger }): ObservedObject[]
  /** Registers `url` at the provider, telling it to present `secret`; returns the provider's id of the registration. */
  register?(ctx: OperationContext<C>, input: { url: string; secret: string }): Promise<{ id: string | null }>
  /** Removes a registration when its connection is deleted (best effort). */
  unregister?(ctx: OperationContext<C>, input: { id: string }): Promise<void>
}

const hmacKey = (secret: string | Uint8Array) =>
  crypto.subtle.importKey('raw', (typeof secret === 'string' ? utf8.encode(secret) : secret) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])

/**
 * Checks a base64 HMAC-SHA256 over the raw body (Shopify's `X-Shopify-Hmac-Sha256`, keyed with the app's
 * client secret). `crypto.subtle.verify` compares in constant time; a malformed header is simply false.
 */
export async function verifyHmacSha256Base64({
  secret,
  body,
  signature,
}: {
  secret: string | Uint8Array
  body: Uint8Array
  signature: string | null | undefined
}): Promise<boolean> {
  if (!signature || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature.trim())) return false
  let expected: Uint8Array
  try {
    expected = base64ToBytes(signature.trim())
  } catch {
    return false
  }
  if (expected.length !== 32) return false
  return crypto.subtle.verify('HMAC', await hmacKey(secret), expected as BufferSource, body as BufferSource)
}

/** Base64 HMAC-SHA256 of `data` (for signing in simulators and tests; the same primitive kopru verifies). */
export async function hmacSha256Base64(secret: string | Uint8Array, data: Uint8Array | string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), (typeof data === 'string' ? utf8.encode(data) : data) as BufferSource)
  let binary = ''
  for (const byte of new Uint8Array(signature)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Constant-time check of a shared secret the provider presents as-is (an `x-api-key` header, a Basic password). */
export const sharedSecretMatches = (presented: string | null | undefined, expected: string | null | undefined): boolean =>
  typeof presented === 'string' && typeof expected === 'string' && expected.length > 0 && timingSafeEqual(presented, expected)

/** Hex SHA-256 of the raw body: the replay key of a provider that sends no delivery id. */
export async function bodyDigest(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body as BufferSource))
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/**
 * A `verify` for providers that sign the raw body with base64 HMAC-SHA256 in a header (Shopify:
 * `X-Shopify-Hmac-Sha256` keyed with the app's client secret, delivery id `X-Shopify-Webhook-Id`, time
 * `X-Shopify-Triggered-At`). `key: 'app'` uses the operator's app secret, `'registered'` the secret kopru
 * registered for the connection. Without a delivery id header the body digest is the replay key.
 */
export function hmacBodyVerifier({
  signatureHeader,
  deliveryIdHeader,
  sentAtHeader,
  key,
}: {
  signatureHeader: string
  deliveryIdHeader?: string
  sentAtHeader?: string
  key: 'app' | 'registered'
}): ProviderWebhooks<unknown>['verify'] {
  return async ({ headers, body, appSecret, registeredSecret }) => {
    const secret = key === 'app' ? appSecret : registeredSecret
    if (!secret) return { ok: false, reason: key === 'app' ? 'no app secret is configured for this provider' : 'no webhook was registered for this connection' }
    if (!(await verifyHmacSha256Base64({ secret, body, signature: headers.get(signatureHeader) }))) {
      return { ok: false, reason: `${signatureHeader} does not match the body` }
    }
    const deliveryId = deliveryIdHeader ? headers.get(deliveryIdHeader)?.trim() : undefined
    const sentAtText = sentAtHeader ? headers.get(sentAtHeader) : null
    const sentAt = sentAtText ? new Date(sentAtText) : undefined
    if (sentAt && Number.isNaN(sentAt.getTime())) return { ok: false, reason: `${sentAtHeader} is not a timestamp` }
    return { ok: true, deliveryId: deliveryId ? `id:${deliveryId.slice(0, 200)}` : await bodyDigest(body), sentAt }
  }
}
