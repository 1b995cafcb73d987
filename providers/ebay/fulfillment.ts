/**
 * fulfillments.create through Sell Fulfillment createShippingFulfillment
 * (POST /sell/fulfillment/v1/order/{orderId}/shipping_fulfillment, ShippingFulfillmentDetails of the OpenAPI
 * v1.20.7): one package with lineItems, shippedDate, shippingCarrierCode and trackingNumber. Without `lines`
 * the package holds every line item of the order, read from getOrder.
 */
import { KopruError, carrierCodeTable, parseWire, type OperationContext } from '../../src/core/provider-kit/index.js'
import type { Fulfillment, FulfillmentRequest } from '../../src/models/index.js'
import { ebayOrderWire } from './wire.js'

const EBAY = { id: 'ebay', name: 'eBay' }

/**
 * Unified carrier ids -> eBay ShippingCarrier values (Trading API GeteBayDetails, DetailName
 * ShippingCarrierDetails, which the OpenAPI document names as the source of shippingCarrierCode).
 */
export const ebayCarrierTable = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  royal_mail: 'RoyalMail',
  canada_post: 'CanadaPost',
  australia_post: 'AustraliaPost',
  deutsche_post: 'DeutschePost',
  hermes: 'Hermes',
  dpd: 'DPD',
  gls: 'GLS',
  tnt: 'TNT',
} as const

export const ebayCarriers = carrierCodeTable('eBay', ebayCarrierTable, { ownCodes: ['Other'] })

const orderIdPattern = /^[0-9A-Za-z-]{1,40}$/

async function packageLines<C>(ctx: OperationContext<C>, orderId: string, fulfillment: FulfillmentRequest) {
  if (fulfillment.lines?.length) return fulfillment.lines.map((line) => ({ lineItemId: line.id, quantity: line.quantity }))
  const response = await ctx.request({ path: `/sell/fulfillment/v1/order/${orderId}`, operation: 'orders.get' })
  const order = parseWire(EBAY, ebayOrderWire, response.data, 'a getOrder answer')
  const lines = (order.lineItems ?? []).filter((line) => line.quantity > 0)
  if (lines.length === 0) throw new KopruError('invalid_request', `eBay order '${orderId}' has no line items to ship`, { errors: [{ path: 'body.lines', message: 'the order has no line items' }] })
  return lines.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity }))
}

/** The fulfillmentId is the last segment of the Location header eBay answers 201 with. */
const fulfillmentIdOf = (location: string | null) => (location ? decodeURIComponent(location.replace(/\/+$/, '').split('/').at(-1) ?? '') : '')

export async function createEbayFulfillment<C>(ctx: OperationContext<C>, { orderId, fulfillment }: { orderId: string; fulfillment: FulfillmentRequest }): Promise<Fulfillment> {
  if (!orderIdPattern.test(orderId)) throw new KopruError('not_found', `eBay has no order '${orderId}'`)
  const shippingCarrierCode = ebayCarriers.toProvider(fulfillment.carrier)
  const lineItems = await packageLines(ctx, orderId, fulfillment)
  const response = await ctx.request({
    method: 'POST',
    path: `/sell/fulfillment/v1/order/${orderId}/shipping_fulfillment`,
    json: { lineItems, shippedDate: new Date().toISOString(), shippingCarrierCode, trackingNumber: fulfillment.tracking_number },
    idempotent: false,
  })
  if (!fulfillmentIdOf(response.headers.get('location'))) {
    throw new KopruError('provider_error', 'eBay answered createShippingFulfillment without a Location naming the fulfillment', { errors: [{ path: 'headers.location', message: 'missing' }] })
  }
  return {
    order_id: orderId,
    provider: 'ebay',
    connection_id: ctx.connection.id,
    carrier: fulfillment.carrier,
    tracking_number: fulfillment.tracking_number,
    tracking_url: fulfillment.tracking_url ?? null,
    status: 'accepted',
  }
}
