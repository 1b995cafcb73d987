/**
 * The simulator's seeded orders, in the Orders API 2026-01-01 shape (orders_2026-01-01.json `Order`, with every
 * dataset filled; the simulator leaves out what a request did not ask for). Item proceeds break down into ITEM
 * (unit price × quantity), SHIPPING and TAX and add up to `proceedsTotal`; the order's `proceeds` aggregate
 * them, as in the model's examples.
 */
import { seededRandom } from '../../src/core/provider-kit/simulator.js'
import type { AmazonOrderItemWire as AmazonOrderItem, AmazonOrderWire as AmazonOrder } from './wire.js'

export const AMAZON_US_MARKETPLACE = 'ATVPDKIKX0DER'
/** Amazon.co.jp: the seeded Pending order there has no order-level proceeds (no grandTotal) yet. */
export const AMAZON_JP_MARKETPLACE = 'A1VC38T7YXB528'

type Money = { amount: string; currencyCode: string }
const usd = (cents: number): Money => ({ amount: (cents / 100).toFixed(2), currencyCode: 'USD' })
const jpy = (yen: number): Money => ({ amount: String(yen), currencyCode: 'JPY' })

/** One item with ITEM/SHIPPING/TAX proceeds (minor units) and its shipped quantity. */
function item(id: string, product: { asin: string; sku: string; title: string }, quantity: number, unit: number, extra: { tax: number; shipping?: number; discount?: number }, money: (n: number) => Money, shipped = 0): AmazonOrderItem {
  const rows = [
    { type: 'ITEM', subtotal: money(unit * quantity) },
    ...(extra.shipping ? [{ type: 'SHIPPING', subtotal: money(extra.shipping) }] : []),
    { type: 'TAX', subtotal: money(extra.tax) },
    ...(extra.discount !== undefined ? [{ type: 'DISCOUNT', subtotal: money(-extra.discount) }] : []),
  ]
  const total = unit * quantity + (extra.shipping ?? 0) + extra.tax - (extra.discount ?? 0)
  return {
    orderItemId: id,
    quantityOrdered: quantity,
    product: { asin: product.asin, title: product.title, sellerSku: product.sku, price: { unitPrice: money(unit) } },
    proceeds: { proceedsTotal: money(total), breakdowns: rows },
    fulfillment: { quantityFulfilled: shipped, quantityUnfulfilled: quantity - shipped },
  }
}

/** The order-level proceeds: the items' breakdowns aggregated per type, grandTotal their sum. */
function orderProceeds(items: AmazonOrderItem[], currency: string, digits: number) {
  const sums = new Map<string, number>()
  for (const row of items.flatMap((i) => i.proceeds?.breakdowns ?? [])) sums.set(row.type, (sums.get(row.type) ?? 0) + Number(row.subtotal.amount))
  const fmt = (n: number) => ({ amount: n.toFixed(digits), currencyCode: currency })
  const total = [...sums.values()].reduce((a, b) => a + b, 0)
  return { grandTotal: fmt(total), breakdowns: [...sums].map(([type, n]) => ({ type, subtotal: fmt(n) })) }
}

/** A Pending order on Amazon.co.jp without order-level proceeds, with three JPY items (unit prices 1200, 800, 450). */
function pendingJapanOrder(now: number): AmazonOrder {
  const at = new Date(now - 100 * 3600_000).toISOString()
  return {
    orderId: '503-0000001-0000001',
    createdTime: at,
    lastUpdatedTime: at,
    salesChannel: { channelName: 'AMAZON', marketplaceId: AMAZON_JP_MARKETPLACE, marketplaceName: 'Amazon.co.jp' },
    fulfillment: { fulfillmentStatus: 'PENDING', fulfilledBy: 'MERCHANT' },
    orderItems: [
      item('70000000000001', { asin: 'B0KOPRUJP1', sku: 'CHA-1', title: 'Matcha bowl' }, 3, 1200, { tax: 327, shipping: 500, discount: 0 }, jpy),
      item('70000000000002', { asin: 'B0KOPRUJP2', sku: 'CHA-2', title: 'Whisk' }, 1, 800, { tax: 72 }, jpy),
      item('70000000000003', { asin: 'B0KOPRUJP3', sku: 'CHA-3', title: 'Scoop' }, 2, 450, { tax: 81 }, jpy),
    ],
  }
}

const SHIPPED = new Set(['SHIPPED'])

function usOrder(i: number, status: string, random: ReturnType<typeof seededRandom>, now: number): AmazonOrder {
  const id = `11${i}-${String(1234567 + i).padStart(7, '0')}-${String(7654321 - i).padStart(7, '0')}`
  // A partially shipped order has two units, one of them shipped.
  const quantity = status === 'PARTIALLY_SHIPPED' ? 2 : random.int(1, 2)
  const unit = random.int(999, 4999)
  const at = new Date(now - (i + 1) * 11 * 3600_000).toISOString()
  const shipped = SHIPPED.has(status) ? quantity : status === 'PARTIALLY_SHIPPED' ? 1 : 0
  const items = [item(`6851${i}00000000`, { asin: `B0KOPRU${i}0X`, sku: `MUG-${i}`, title: 'Stoneware coffee mug' }, quantity, unit, { tax: Math.round(unit * quantity * 0.0825), shipping: 499, discount: 0 }, usd, shipped)]
  const shipTime = new Date(now - (i + 1) * 11 * 3600_000 + 6 * 3600_000).toISOString()
  return {
    orderId: id,
    createdTime: at,
    lastUpdatedTime: shipped ? shipTime : at,
    salesChannel: { channelName: 'AMAZON', marketplaceId: AMAZON_US_MARKETPLACE, marketplaceName: 'Amazon.com' },
    buyer: { buyerName: `Chris Lee ${i}`, buyerEmail: `buyer${i}@marketplace.amazon.com` },
    recipient: { deliveryAddress: { name: `Chris Lee ${i}`, addressLine1: `${300 + i} Pine St`, addressLine2: '', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US', addressType: 'RESIDENTIAL' } },
    proceeds: orderProceeds(items, 'USD', 2),
    fulfillment: { fulfillmentStatus: status, fulfilledBy: 'MERCHANT' },
    orderItems: items,
    ...(shipped
      ? { packages: [{ packageReferenceId: String(1000 + i), carrier: 'UPS', trackingNumber: `1Z999AA1012345678${i}`, shipTime, packageStatus: { status: 'SHIPPED' }, packageItems: [{ orderItemId: items[0]!.orderItemId, quantity: shipped }] }] }
      : {}),
  }
}

export function seedAmazonOrders(now: number): AmazonOrder[] {
  const random = seededRandom(9090)
  const statuses = ['UNSHIPPED', 'SHIPPED', 'PENDING', 'PARTIALLY_SHIPPED', 'CANCELLED', 'SHIPPED', 'UNSHIPPED']
  return [...statuses.map((status, i) => usOrder(i, status, random, now)), pendingJapanOrder(now)]
}
