import { z } from '@hono/zod-openapi'
import { Address, Money, Timestamp } from './common.js'

export const orderStatuses = ['open', 'completed', 'cancelled'] as const
export const fulfillmentStatuses = [
  'unfulfilled',
  'processing',
  'partially_shipped',
  'shipped',
  'delivered',
  'undeliverable',
  'returned',
  'cancelled',
] as const
export const paymentStatuses = ['pending', 'paid', 'partially_refunded', 'refunded', 'unknown'] as const

export type OrderStatus = (typeof orderStatuses)[number]
export type FulfillmentStatus = (typeof fulfillmentStatuses)[number]
export type PaymentStatus = (typeof paymentStatuses)[number]

export const OrderLine = z
  .object({
    id: z.string(),
    sku: z.string().nullable(),
    barcode: z.string().nullable(),
    product_id: z.string().nullable(),
    title: z.string(),
    quantity: z.number().int(),
    unit_price: Money,
    total: Money,
    tax_rate: z.string().nullable().openapi({ description: 'Percent as a decimal string, e.g. "20"' }),
    provider_status: z.string().nullable(),
  })
  .openapi('OrderLine')

export const OrderShipment = z
  .object({
    carrier: z.string().nullable(),
    tracking_number: z.string().nullable(),
    tracking_url: z.string().nullable(),
    shipped_at: Timestamp.nullable(),
  })
  .openapi('OrderShipment')

/**
 * Unions rather than `.nullable()` on Money and Address: zod-to-openapi drops the null of a nullable ref when it
 * is the first use of that component in the document (every money figure of Order is nullable).
 */
const moneyOrNull = () => z.union([Money, z.null()])

export const Order = z
  .object({
    id: z.string(),
    provider: z.string(),
    connection_id: z.string(),
    order_number: z.string(),
    status: z.enum(orderStatuses),
    fulfillment_status: z.enum(fulfillmentStatuses),
    payment_status: z.enum(paymentStatuses),
    provider_status: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    currency: z.string(),
    // null where the provider has not given the figure (Amazon list pages, Pending orders without OrderTotal): never an invented 0.
    subtotal: moneyOrNull(),
    shipping_total: moneyOrNull(),
    discount_total: moneyOrNull(),
    tax_total: moneyOrNull(),
    total: moneyOrNull(),
    customer: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
    shipping_address: z.union([Address, z.null()]),
    billing_address: z.union([Address, z.null()]),
    lines: z.array(OrderLine).nullable().openapi({ description: 'null when the provider lists orders without their lines: read the order to get them' }),
    shipments: z.array(OrderShipment),
    raw: z.unknown().optional(),
  })
  .openapi('Order')
export type Order = z.infer<typeof Order>
export type OrderLine = z.infer<typeof OrderLine>

export const ListOrdersQuery = z.object({
  status: z.enum(orderStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }),
  created_after: z.iso.datetime({ offset: true }).optional().openapi({ param: { name: 'created_after', in: 'query' } }),
  created_before: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ param: { name: 'created_before', in: 'query' } }),
  updated_after: z.iso.datetime({ offset: true }).optional().openapi({ param: { name: 'updated_after', in: 'query' } }),
})
