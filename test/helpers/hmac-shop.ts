import { z } from 'zod'
import { defineProvider, hmacBodyVerifier } from '../../src/core/provider-kit/index.js'
import type { Order } from '../../src/models/index.js'

export const HMAC_SHOP_APP_SECRET = 'shpss_test_app_secret_0123456789'

/**
 * A test-only provider whose webhooks are verified the way Shopify's are: base64 HMAC-SHA256 of the raw body
 * in `X-Shopify-Hmac-Sha256`, keyed with the app's client secret; `X-Shopify-Webhook-Id` is the replay key.
 */
export const hmacShop = defineProvider<{ access_token: string }>({
  id: 'hmacshop',
  name: 'HMAC Shop (test)',
  kind: 'marketplace',
  auth: {
    type: 'api_key',
    fields: [{ name: 'access_token', label: 'Access token', secret: true }],
    schema: z.object({ access_token: z.string().min(1) }),
    apply: ({ headers }, credentials) => headers.set('x-access-token', credentials.access_token),
  },
  baseUrls: { production: 'http://127.0.0.1:9', sandbox: 'http://127.0.0.1:9' },
  quotas: [],
  operations: {},
  verifyCredentials: async () => ({}),
  webhooks: {
    verify: hmacBodyVerifier({
      signatureHeader: 'x-shopify-hmac-sha256',
      deliveryIdHeader: 'x-shopify-webhook-id',
      sentAtHeader: 'x-shopify-triggered-at',
      key: 'app',
    }),
    toEvents: ({ payload, connection }) => {
      const order = payload as { id: number; name: string; financial_status: string; created_at: string; updated_at: string }
      const money = { amount: '100.00', currency: 'TRY' }
      const data: Order = {
        id: String(order.id),
        provider: 'hmacshop',
        connection_id: connection.id,
        order_number: order.name,
        status: 'open',
        fulfillment_status: 'unfulfilled',
        payment_status: order.financial_status === 'paid' ? 'paid' : 'pending',
        provider_status: order.financial_status,
        created_at: order.created_at,
        updated_at: order.updated_at,
        currency: 'TRY',
        subtotal: money,
        shipping_total: money,
        discount_total: money,
        tax_total: money,
        total: money,
        customer: { name: 'Ayşe Yılmaz', email: null, phone: null },
        shipping_address: null,
        billing_address: null,
        lines: [],
        shipments: [],
      } as unknown as Order
      return [{ type: 'order', data }]
    },
  },
})
