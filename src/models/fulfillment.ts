import { z } from '@hono/zod-openapi'
import { safeString } from './safe.js'

export const FulfillmentRequest = z
  .object({
    carrier: safeString().trim().min(1).max(60).openapi({ description: 'Carrier id (yurtici, aras, mng, ...) or the provider\'s own carrier code' }),
    tracking_number: safeString().trim().min(1).max(60),
    tracking_url: safeString().url().optional(),
    lines: z.array(z.object({ id: safeString().min(1), quantity: z.number().int().min(1) })).optional(),
  })
  .openapi('FulfillmentRequest')
export type FulfillmentRequest = z.infer<typeof FulfillmentRequest>

export const Fulfillment = z
  .object({
    order_id: z.string(),
    provider: z.string(),
    connection_id: z.string(),
    carrier: z.string(),
    tracking_number: z.string(),
    tracking_url: z.string().nullable(),
    status: z.enum(['accepted', 'pending']).openapi({ description: 'accepted: the provider confirmed; pending: it will process it asynchronously' }),
  })
  .openapi('Fulfillment')
export type Fulfillment = z.infer<typeof Fulfillment>
