import { z } from 'zod'
import { basicAuthorization, readWire, type OperationContext, type ProviderAuth } from '../../src/core/provider-kit/index.js'
import type { TrendyolCredentials } from './types.js'

export const credentialsSchema = z.object({
  seller_id: z.string().trim().regex(/^\d{1,12}$/, 'the numeric Trendyol seller id (Satıcı ID)'),
  api_key: z.string().trim().min(1).max(200),
  api_secret: z.string().trim().min(1).max(200),
  integrator_name: z.string().trim().min(1).max(60).optional(),
}) satisfies z.ZodType<TrendyolCredentials>

export type Credentials = z.infer<typeof credentialsSchema>
export type Ctx = OperationContext<Credentials>

/** Basic auth with the API key and secret, and the User-Agent Trendyol requires (`<sellerId> - SelfIntegration`). */
export const trendyolAuth: ProviderAuth<Credentials> = {
  type: 'basic',
  fields: [
    { name: 'seller_id', label: 'Satıcı ID (Seller ID)', secret: false },
    { name: 'api_key', label: 'API Key', secret: true },
    { name: 'api_secret', label: 'API Secret', secret: true },
  ],
  schema: credentialsSchema,
  apply({ headers }, credentials) {
    headers.set('authorization', basicAuthorization(credentials.api_key, credentials.api_secret))
    headers.set('user-agent', `${credentials.seller_id} - ${credentials.integrator_name ?? 'SelfIntegration'}`)
  },
}

/** Every current endpoint lives under /integration/{domain}/sellers/{sellerId}. */
export const sellerPath = (ctx: Ctx, domain: 'order' | 'product' | 'inventory') =>
  `/integration/${domain}/sellers/${ctx.credentials.seller_id}`

/** A Trendyol answer through its wire schema (wire.ts): a surprise is a 502 naming the field. */
export const readAnswer = <T>(schema: z.ZodType<T>, response: { status: number; data: unknown }): T =>
  readWire(schema, response.data, { provider: { id: 'trendyol', name: 'Trendyol' }, what: 'response', status: response.status })
