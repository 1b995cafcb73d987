/**
 * Ship confirmation of a merchant-fulfilled order: Orders v0 confirmShipment (POST
 * /orders/v0/orders/{orderId}/shipmentConfirmation, 204). The Orders API 2026-01-01 model only reads orders
 * (searchOrders, getOrder) and ordersV0.json does not mark confirmShipment deprecated, so v0 remains Amazon's
 * current way to confirm a shipment; the order itself is read through 2026-01-01 getOrder.
 */
import { KopruError, carrierCodeTable, oauthTokensSchema, type OperationContext } from '../../src/core/provider-kit/index.js'
import type { Fulfillment, FulfillmentRequest } from '../../src/models/index.js'
import type { z } from 'zod'
import { readOrder, US_MARKETPLACE } from './orders.js'
import type { AmazonOrder } from './wire.js'

type Ctx = OperationContext<z.infer<typeof oauthTokensSchema>>

/** Amazon's carrier codes (Seller Central "CarrierCode" list); any other carrier goes as `Other` with its name. */
const carrierRows = { usps: 'USPS', ups: 'UPS', fedex: 'FedEx', dhl: 'DHL', dhl_ecommerce: 'DHL eCommerce', ontrac: 'OnTrac', lasership: 'LaserShip', amazon_shipping: 'Amazon Shipping', royal_mail: 'Royal Mail', yamato: 'Yamato Transport' } as const
export const amazonCarriers = carrierCodeTable('Amazon', carrierRows, { passThrough: true })
const KNOWN_CODES = new Set<string>(Object.values(carrierRows))

/** packageReferenceId must be a positive number unique within the order: derived from the tracking number, so a retry names the same package. */
export function packageReferenceOf(trackingNumber: string): string {
  let hash = 2166136261
  for (const char of trackingNumber) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0
  return String((hash % 2_000_000_000) + 1)
}

export function carrierFields(carrier: string): { carrierCode: string; carrierName?: string } {
  const code = amazonCarriers.toProvider(carrier)
  return KNOWN_CODES.has(code) ? { carrierCode: code } : { carrierCode: 'Other', carrierName: code }
}

/** Without explicit lines: what is still unshipped of each item; an order already shipped in full is confirmed again in full (Amazon takes that as an edit of the shipment details). */
function unshippedLines(order: AmazonOrder): { id: string; quantity: number }[] {
  const open = order.orderItems.flatMap((item) => {
    const quantity = item.fulfillment?.quantityUnfulfilled ?? item.quantityOrdered
    return quantity > 0 ? [{ id: item.orderItemId, quantity }] : []
  })
  return open.length ? open : order.orderItems.map((item) => ({ id: item.orderItemId, quantity: item.quantityOrdered }))
}

export async function createFulfillment(ctx: Ctx, { orderId, fulfillment }: { orderId: string; fulfillment: FulfillmentRequest }): Promise<Fulfillment> {
  // Items are always part of getOrder; FULFILLMENT says who fulfils the order.
  const { order } = await readOrder(ctx, orderId, ['FULFILLMENT'])
  if (order.fulfillment.fulfilledBy === 'AMAZON') throw new KopruError('conflict', `Amazon order ${orderId} is fulfilled by Amazon; only merchant-fulfilled orders take a ship confirmation`)
  const lines = fulfillment.lines ?? unshippedLines(order)
  await ctx.request({
    method: 'POST',
    path: `/orders/v0/orders/${orderId}/shipmentConfirmation`,
    json: {
      marketplaceId: order.salesChannel.marketplaceId ?? US_MARKETPLACE,
      packageDetail: {
        packageReferenceId: packageReferenceOf(fulfillment.tracking_number),
        ...carrierFields(fulfillment.carrier),
        trackingNumber: fulfillment.tracking_number,
        shipDate: new Date().toISOString(),
        orderItems: lines.map((line) => ({ orderItemId: line.id, quantity: line.quantity })),
      },
    },
    quotaGroup: 'shipment-confirmation',
  })
  return { order_id: orderId, provider: 'amazon', connection_id: ctx.connection.id, carrier: fulfillment.carrier, tracking_number: fulfillment.tracking_number, tracking_url: fulfillment.tracking_url ?? null, status: 'accepted' }
}
