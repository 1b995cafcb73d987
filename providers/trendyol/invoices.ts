/**
 * The seller's invoice for a shipment package. A link: "Send Invoice Link" (POST /integration/sellers/{sellerId}/
 * seller-invoice-links with `invoiceLink`, `shipmentPackageId`, `invoiceDateTime` epoch millis and
 * `invoiceNumber`), as in Trendyol's "Invoice Integration" pages and the public client bberka/TrendyolSharp
 * (RequestSendInvoiceLink). A file kopru holds without a lasting link (İzibiz's PDF): "Fatura Dosyası Gönderme"
 * (POST …/seller-invoice-file, multipart `shipmentPackageId` + `file` — pdf, jpeg or png up to 10 MB — plus
 * `invoiceNumber`/`invoiceDateTime`, required for micro-export packages). Trendyol shows the invoice to the buyer.
 */
import { KopruError, decodeDataUrl, isKopruError, multipartBody, type FilePart } from '../../src/core/provider-kit/index.js'
import type { InvoiceAttachment } from '../../src/models/index.js'
import type { Ctx } from './context.js'

type SentInvoice = { url: string; number: string; issued_at: string }

const MAX_FILE_BYTES = 10 * 1024 * 1024
const FILE_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }

/** Trendyol's refusals of a second invoice for a package (link or file). */
const ALREADY_SENT = new Set(['seller.invoice.link.already.exists', 'seller.invoice.file.already.exists'])

async function uploadFile(ctx: Ctx, packageId: string, invoice: SentInvoice, file: FilePart) {
  const extension = FILE_TYPES[file.contentType]
  if (!extension) throw new KopruError('conflict', `Trendyol takes invoice files as pdf, jpeg or png, not ${file.contentType}`)
  if (file.bytes.length > MAX_FILE_BYTES) throw new KopruError('conflict', 'Trendyol takes invoice files up to 10 MB')
  const form = await multipartBody(
    { shipmentPackageId: packageId, invoiceNumber: invoice.number, invoiceDateTime: String(Date.parse(invoice.issued_at)) },
    { ...file, field: 'file', filename: `${invoice.number}.${extension}` },
  )
  await ctx.request({
    method: 'POST',
    path: `/integration/sellers/${ctx.credentials.seller_id}/seller-invoice-file`,
    body: form.body,
    contentType: form.contentType,
    quotaGroup: 'shipment-packages',
  })
}

export async function attachInvoice(ctx: Ctx, { orderId, invoice }: { orderId: string; invoice: SentInvoice }): Promise<InvoiceAttachment> {
  if (!/^\d{1,20}$/.test(orderId)) throw new KopruError('not_found', `Trendyol has no shipment package '${orderId}'`)
  const file = decodeDataUrl(invoice.url)
  try {
    if (file) await uploadFile(ctx, orderId, invoice, file)
    else {
      await ctx.request({
        method: 'POST',
        path: `/integration/sellers/${ctx.credentials.seller_id}/seller-invoice-links`,
        json: { invoiceLink: invoice.url, shipmentPackageId: Number(orderId), invoiceDateTime: Date.parse(invoice.issued_at), invoiceNumber: invoice.number },
        quotaGroup: 'shipment-packages',
      })
    }
  } catch (error) {
    // An invoice already sent for the package is Trendyol's refusal; a link has to be deleted before another is sent.
    if (isKopruError(error) && ALREADY_SENT.has(error.provider?.code ?? '')) {
      throw new KopruError('conflict', `Trendyol package ${orderId} already has an invoice`, { provider: error.provider })
    }
    throw error
  }
  const base = { order_id: orderId, provider: 'trendyol', connection_id: ctx.connection.id, invoice_number: invoice.number, status: 'accepted' as const }
  return file ? { ...base, url: null, sent: 'file' } : { ...base, url: invoice.url, sent: 'link' }
}
