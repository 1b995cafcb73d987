/**
 * The seller's invoice for a shipment package: "Send Invoice Link" (POST /integration/sellers/{sellerId}/
 * seller-invoice-links with `invoiceLink`, `shipmentPackageId`, `invoiceDateTime` epoch millis and
 * `invoiceNumber`), as in Trendyol's "Invoice Integration" pages and the public client bberka/TrendyolSharp
 * (RequestSendInvoiceLink). Trendyol shows the link to the buyer on the order.
 */
import { KopruError, isKopruError } from '../../src/core/provider-kit/index.js'
import type { InvoiceAttachment } from '../../src/models/index.js'
import type { Ctx } from './context.js'

export async function attachInvoice(
  ctx: Ctx,
  { orderId, invoice }: { orderId: string; invoice: { url: string; number: string; issued_at: string } },
): Promise<InvoiceAttachment> {
  if (!/^\d{1,20}$/.test(orderId)) throw new KopruError('not_found', `Trendyol has no shipment package '${orderId}'`)
  try {
    await ctx.request({
      method: 'POST',
      path: `/integration/sellers/${ctx.credentials.seller_id}/seller-invoice-links`,
      json: { invoiceLink: invoice.url, shipmentPackageId: Number(orderId), invoiceDateTime: Date.parse(invoice.issued_at), invoiceNumber: invoice.number },
      quotaGroup: 'shipment-packages',
    })
  } catch (error) {
    // A link already sent for the package is Trendyol's refusal; it has to be deleted before another is sent.
    if (isKopruError(error) && error.provider?.code === 'seller.invoice.link.already.exists') {
      throw new KopruError('conflict', `Trendyol package ${orderId} already has an invoice link`, { provider: error.provider })
    }
    throw error
  }
  return { order_id: orderId, provider: 'trendyol', connection_id: ctx.connection.id, invoice_number: invoice.number, url: invoice.url, status: 'accepted' }
}
