/**
 * Shopify order webhooks. Sources: shopify.dev "Deliver webhooks through HTTPS" (the `X-Shopify-Hmac-Sha256`
 * header is the base64 HMAC-SHA256 of the raw body keyed with the app's client secret; `X-Shopify-Webhook-Id`
 * identifies a delivery and is the same on retries; `X-Shopify-Topic`, `X-Shopify-Triggered-At`) and the Admin
 * REST "Webhook" resource (POST /admin/api/{version}/webhooks.json {webhook: {topic, address, format}},
 * DELETE /admin/api/{version}/webhooks/{id}.json). The payload of an `orders/*` topic is the Order resource.
 */
import { hmacBodyVerifier, parseWire, type OAuthTokens, type ProviderWebhooks } from '../../src/core/provider-kit/index.js'
import { api } from './api.js'
import { toUnifiedOrder } from './mapping.js'
import { shopifyOrderWire, shopifyWebhookCreatedWire } from './wire.js'

const SHOPIFY = { id: 'shopify', name: 'Shopify' }

/** The topics kopru subscribes a connection to. */
export const shopifyOrderTopics = ['orders/create', 'orders/updated', 'orders/cancelled', 'orders/fulfilled'] as const

export const shopifyWebhooks: ProviderWebhooks<OAuthTokens> = {
  verify: hmacBodyVerifier({
    signatureHeader: 'x-shopify-hmac-sha256',
    deliveryIdHeader: 'x-shopify-webhook-id',
    sentAtHeader: 'x-shopify-triggered-at',
    key: 'app',
  }),
  toEvents({ payload, headers, connection, log }) {
    const topic = headers.get('x-shopify-topic') ?? ''
    if (!topic.startsWith('orders/') || !payload || typeof payload !== 'object') return []
    return [{ type: 'order', data: toUnifiedOrder(parseWire(SHOPIFY, shopifyOrderWire, payload, `an ${topic} webhook`), connection.id, log, payload) }]
  },
  async register(ctx, { url }) {
    const ids: string[] = []
    for (const topic of shopifyOrderTopics) {
      const response = await ctx.request({
        method: 'POST',
        path: api('/webhooks.json'),
        json: { webhook: { topic, address: url, format: 'json' } },
        operation: 'webhooks.register',
      })
      ids.push(String(parseWire(SHOPIFY, shopifyWebhookCreatedWire, response.data, 'a webhook answer').webhook.id))
    }
    return { id: ids.join(',') }
  },
  async unregister(ctx, { id }) {
    for (const one of id.split(',').filter(Boolean)) {
      await ctx.request({ method: 'DELETE', path: api(`/webhooks/${one}.json`), accept: [404], operation: 'webhooks.unregister' })
    }
  },
}
