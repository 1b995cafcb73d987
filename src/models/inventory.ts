import { z } from '@hono/zod-openapi'
import { safeString } from './safe.js'

export const InventoryItem = z
  .object({
    sku: safeString().trim().min(1).max(100).optional().openapi({ description: "The seller's own stock code (merchant SKU): what Hepsiburada and n11 key listings by" }),
    barcode: safeString().trim().min(1).max(100).optional().openapi({ description: 'The product barcode (GTIN/EAN or the seller\'s barcode): what Trendyol keys listings by' }),
    quantity: z.number().int().min(0).max(1_000_000).optional(),
    price: safeString().regex(/^\d+(\.\d{1,2})?$/, 'a decimal string like "129.90"').optional(),
    list_price: safeString().regex(/^\d+(\.\d{1,2})?$/, 'a decimal string like "149.90"').optional(),
  })
  .refine((item) => item.quantity !== undefined || item.price !== undefined || item.list_price !== undefined, {
    message: 'give at least one of quantity, price, list_price',
  })
  .refine((item) => item.sku !== undefined || item.barcode !== undefined, {
    message: 'give sku and/or barcode (each provider needs one of them; see docs/unified-commerce.md)',
    path: ['sku'],
  })
  .openapi('InventoryItem')
export type InventoryItem = z.infer<typeof InventoryItem>

export const InventoryUpdateRequest = z
  .object({ items: z.array(InventoryItem).min(1).max(1000) })
  .openapi('InventoryUpdateRequest')

export const inventoryJobStatuses = ['pending', 'processing', 'completed', 'partially_failed', 'failed'] as const
export type InventoryJobStatus = (typeof inventoryJobStatuses)[number]
export const inventoryItemStatuses = ['pending', 'succeeded', 'failed'] as const
export type InventoryItemStatus = (typeof inventoryItemStatuses)[number]

export const InventoryItemResult = z
  .object({
    sku: z.string().nullable().openapi({ description: 'The sku the request gave for this item, or null' }),
    barcode: z.string().nullable().openapi({ description: 'The barcode the request gave for this item, or null' }),
    status: z.enum(inventoryItemStatuses),
    error: z.object({ code: z.string().nullable(), message: z.string() }).optional(),
  })
  .openapi('InventoryItemResult')
export type InventoryItemResult = z.infer<typeof InventoryItemResult>

/**
 * What an adapter reports for one item: the identifier it sent the provider (`sku` or `barcode`), a status and
 * the reason of a failure. The job shows it with the identifiers of the request item it matched.
 */
export interface InventoryItemReport {
  sku?: string | null
  barcode?: string | null
  status: InventoryItemResult['status']
  error?: InventoryItemResult['error']
}

export const InventoryJob = z
  .object({
    id: z.string(),
    provider: z.string(),
    connection_id: z.string(),
    status: z.enum(inventoryJobStatuses),
    items: z.array(InventoryItemResult),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('InventoryJob')
export type InventoryJob = z.infer<typeof InventoryJob>
