/**
 * Shopify order webhooks. Sources: shopify.dev "Deliver webhooks through HTTPS" (the `X-Shopify-Hmac-Sha256`
 * header is the base64 HMAC-SHA256 of the raw body keyed with the app's client secret; `X-Shopify-Webhook-Id`
 * identifies a delivery and is the same on retries; `X-Shopify-Topic`, `X-Shopify-Triggered-At`) and the
 * GraphQL Admin API's `webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: {uri, format: JSON})`
 * and `webhookSubscriptionDelete(id)`. Payloads stay JSON in the Order resource's REST shape (mapping.ts):
 * Shopify delivers webhooks that way whichever API created the subscription.
 */
import { hmacBodyVerifier, parseWire, type OAuthTokens, type ProviderWebhooks } from '../../src/core/provider-kit/index.js'
import { graphql, payloadOf, refuseOnUserErrors, type ShopifyCtx } from './graphql.js'
import { webhookCreateWire, webhookDeleteWire } from './graphql-wire.js'
import { toUnifiedOrder } from './mapping.js'
import { WEBHOOK_CREATE_MUTATION, WEBHOOK_DELETE_MUTATION } from './queries.js'
import { shopifyOrderWire } from './wire.js'

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
      const variables = { topic: topic.toUpperCase().replace('/', '_'), webhookSubscription: { uri: url, format: 'JSON' } }
      const created = payloadOf('webhookSubscriptionCreate', (await graphql(ctx as ShopifyCtx, WEBHOOK_CREATE_MUTATION, variables, webhookCreateWire, 'webhooks.register')).webhookSubscriptionCreate)
      refuseOnUserErrors(`the ${topic} webhook subscription`, created.userErrors)
      if (created.webhookSubscription) ids.push(created.webhookSubscription.id)
    }
    return { id: ids.join(',') }
  },
  async unregister(ctx, { id }) {
    for (const one of id.split(',').filter(Boolean)) {
      // Subscriptions made before the GraphQL move were stored as bare REST ids.
      const gid = one.startsWith('gid://') ? one : `gid://shopify/WebhookSubscription/${one}`
      const deleted = payloadOf('webhookSubscriptionDelete', (await graphql(ctx as ShopifyCtx, WEBHOOK_DELETE_MUTATION, { id: gid }, webhookDeleteWire, 'webhooks.unregister')).webhookSubscriptionDelete)
      // Already gone at Shopify is what unregistering wants.
      if (deleted.userErrors.some((e) => !/not exist|not found/i.test(e.message))) refuseOnUserErrors('the webhook unsubscription', deleted.userErrors)
    }
  },
}
