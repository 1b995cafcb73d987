/**
 * fulfillments.create through Etsy's createReceiptShipment (POST
 * /v3/application/shops/{shop_id}/receipts/{receipt_id}/tracking, an application/x-www-form-urlencoded body
 * {tracking_code, carrier_name, send_bcc, note_to_buyer} per the OpenAPI document); the answer is the ShopReceipt.
 */
import { KopruError, carrierCodeTable, parseWire, type OperationContext } from '../../src/core/provider-kit/index.js'
import type { Fulfillment, FulfillmentRequest } from '../../src/models/index.js'
import { etsyReceiptWire } from './wire.js'

const ETSY = { id: 'etsy', name: 'Etsy' }

/**
 * Unified carrier ids -> Etsy carrier names. `carrier_name` is free text in the document (Etsy matches it to
 * the carriers it tracks, showing others as given), so other names pass through.
 */
export const etsyCarrierTable = {
  usps: 'usps',
  ups: 'ups',
  fedex: 'fedex',
  dhl: 'dhl',
  canada_post: 'canada-post',
  royal_mail: 'royal-mail',
  australia_post: 'australia-post',
  deutsche_post: 'deutsche-post',
  yurtici: 'yurtici-kargo',
  aras: 'aras-kargo',
  mng: 'mng-kargo',
  ptt: 'ptt-kargo',
} as const

export const etsyCarriers = carrierCodeTable('Etsy', etsyCarrierTable, { passThrough: true })

export async function createEtsyFulfillment<C>(ctx: OperationContext<C>, { orderId, fulfillment }: { orderId: string; fulfillment: FulfillmentRequest }, shopId: string): Promise<Fulfillment> {
  if (!/^\d{1,20}$/.test(orderId)) throw new KopruError('not_found', `Etsy has no receipt '${orderId}'`)
  if (fulfillment.lines?.length) {
    throw new KopruError('invalid_request', 'Etsy records tracking for a whole receipt, not for single lines', {
      errors: [{ path: 'body.lines', message: 'leave out: createReceiptShipment ships the whole receipt' }],
    })
  }
  const form = new URLSearchParams({ tracking_code: fulfillment.tracking_number, carrier_name: etsyCarriers.toProvider(fulfillment.carrier) })
  const response = await ctx.request({
    method: 'POST',
    path: `/v3/application/shops/${shopId}/receipts/${orderId}/tracking`,
    body: form.toString(),
    contentType: 'application/x-www-form-urlencoded',
    idempotent: false,
  })
  parseWire(ETSY, etsyReceiptWire, response.data, 'a createReceiptShipment answer')
  return {
    order_id: orderId,
    provider: 'etsy',
    connection_id: ctx.connection.id,
    carrier: fulfillment.carrier,
    tracking_number: fulfillment.tracking_number,
    tracking_url: fulfillment.tracking_url ?? null,
    status: 'accepted',
  }
}
