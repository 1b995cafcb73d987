/**
 * Trendyol order-package webhooks. Sources: Trendyol developer docs "Webhook" pages (create/list/update/delete,
 * activate/deactivate under /integration/webhook/sellers/{sellerId}/webhooks; the delivery model is one bare
 * ShipmentPackage), digested in docs/research/trendyol.md §6. Trendyol signs nothing: a delivery carries the
 * credential chosen at registration — Basic auth or an `x-api-key` header. kopru registers API_KEY with a
 * random key per connection and compares it in constant time; a delivery has no id, so the replay key is the
 * body's SHA-256 (each real push differs: lastModifiedDate and packageHistories move with every change).
 */
import {
  bodyDigest,
  sharedSecretMatches,
  type ObservedObject,
  type OperationContext,
  type ProviderWebhooks,
} from '../../src/core/provider-kit/index.js'
import { toUnifiedOrder } from './mapping.js'
import type { TrendyolCredentials } from './types.js'
import { trendyolPackage } from './wire.js'

const webhooksPath = (credentials: TrendyolCredentials) => `/integration/webhook/sellers/${credentials.seller_id}/webhooks`


export const trendyolWebhooks: ProviderWebhooks<TrendyolCredentials> = {
  // Trendyol refuses webhook URLs containing "Trendyol", "Dolap" or "localhost" (docs, webhook-create).
  urlSegment: 'ty',
  async verify({ headers, body, registeredSecret }) {
    if (!registeredSecret) return { ok: false, reason: 'no webhook was registered for this connection' }
    if (!sharedSecretMatches(headers.get('x-api-key'), registeredSecret)) return { ok: false, reason: 'x-api-key does not match the registered key' }
    return { ok: true, deliveryId: await bodyDigest(body) }
  },
  toEvents({ payload, connection, log }): ObservedObject[] {
    // The same wire schema as getShipmentPackages: a delivery kopru cannot read is logged with the field, not a 500.
    const parsed = trendyolPackage.safeParse(payload)
    if (!parsed.success) {
      log.warn('Trendyol webhook without a readable shipment package', { path: parsed.error.issues[0]?.path.join('.') ?? '', message: parsed.error.issues[0]?.message ?? '' })
      return []
    }
    return [{ type: 'order', data: toUnifiedOrder(parsed.data, connection.id, log, payload) }]
  },
  async register(ctx: OperationContext<TrendyolCredentials>, { url, secret }) {
    const response = await ctx.request<{ id?: string }>({
      method: 'POST',
      path: webhooksPath(ctx.credentials),
      // An empty status list subscribes to every status, including ones Trendyol adds later.
      json: { url, authenticationType: 'API_KEY', apiKey: secret, subscribedStatuses: [] },
      quotaGroup: 'default',
      operation: 'webhooks.register',
    })
    return { id: response.data?.id ? String(response.data.id) : null }
  },
  async unregister(ctx, { id }) {
    await ctx.request({
      method: 'DELETE',
      path: `${webhooksPath(ctx.credentials)}/${encodeURIComponent(id)}`,
      quotaGroup: 'default',
      operation: 'webhooks.unregister',
      accept: [404],
    })
  },
}
