import { z } from '@hono/zod-openapi'
import { Money, Timestamp } from './common.js'

export const productStatuses = ['active', 'inactive', 'pending_approval', 'rejected'] as const
export type ProductStatus = (typeof productStatuses)[number]

export const Product = z
  .object({
    id: z.string(),
    provider: z.string(),
    connection_id: z.string(),
    sku: z.string().nullable(),
    barcode: z.string().nullable(),
    title: z.string().nullable().openapi({ description: "The product's name; null when the provider's listing API does not carry it (Hepsiburada)" }),
    brand: z.string().nullable(),
    category: z.string().nullable(),
    price: Money.nullable(),
    list_price: Money.nullable(),
    quantity: z.number().int().nullable(),
    status: z.enum(productStatuses),
    provider_status: z.string().nullable(),
    url: z.string().nullable(),
    images: z.array(z.string()),
    attributes: z.record(z.string(), z.string()),
    updated_at: Timestamp.nullable(),
    raw: z.unknown().optional(),
  })
  .openapi('Product')
export type Product = z.infer<typeof Product>
