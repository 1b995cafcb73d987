/**
 * The seller's invoice for a package: "Fatura Linki Gönderme", PUT /packages/merchantid/{merchantId}/packagenumber/
 * {packageNumber}/invoice with `AddInvoiceOfPackageRequest` (developers.hepsiburada.com reference
 * put_packages-merchantid-…-invoice and its OMS OpenAPI as published in the portal's generated SDK). The portal
 * says only `invoiceLink` is needed ("Diğer alanlar boş bırakılabilir") and that the link must serve
 * `application/pdf` or `text/html`: Hepsiburada fetches it and shares it with the buyer. There is no file upload.
 */
import { z } from 'zod'
import { KopruError, decodeDataUrl, isKopruError, readWire } from '../../src/core/provider-kit/index.js'
import type { InvoiceAttachment } from '../../src/models/index.js'
import { merchantPath, type Ctx } from './context.js'
import { parseUnitId } from './mapping.js'

const orderPackages = z.looseObject({
  items: z.array(z.looseObject({ packageNumber: z.string().nullish(), status: z.string().nullish() })),
})

/** The package an order id names: its own package part, or, for a bare order number, the package its lines are in. */
async function packageOf(ctx: Ctx, orderId: string): Promise<string> {
  const parsed = parseUnitId(orderId)
  if (!parsed) throw new KopruError('not_found', `Hepsiburada has no order or package '${orderId}'`)
  if (parsed.packageNumber) return parsed.packageNumber
  const response = await ctx.request({
    host: 'oms',
    path: `/orders/${merchantPath(ctx)}/ordernumber/${encodeURIComponent(parsed.orderNumber)}`,
    quotaGroup: 'oms',
  })
  const detail = readWire(orderPackages, response.data, { provider: { id: 'hepsiburada', name: 'Hepsiburada' }, what: 'response', status: response.status })
  const waiting = detail.items.some((line) => !line.packageNumber && line.status !== 'Cancelled')
  const packaged = detail.items.find((line) => line.packageNumber)?.packageNumber
  // Hepsiburada takes invoices per package; lines not packaged yet have none to carry it.
  if (waiting || !packaged) {
    throw new KopruError('conflict', `Hepsiburada order ${parsed.orderNumber} has lines not packaged yet: fulfill it first, then send the invoice for its package`)
  }
  return packaged
}

export async function attachInvoice(
  ctx: Ctx,
  { orderId, invoice }: { orderId: string; invoice: { url: string; number: string; issued_at: string } },
): Promise<InvoiceAttachment> {
  if (decodeDataUrl(invoice.url)) {
    throw new KopruError('conflict', 'Hepsiburada takes an invoice only as a link it can fetch, and this invoice has no lasting link: send {url, number, issued_at} with one', {
      errors: [{ path: 'body.invoice_id', message: 'an invoice held as a file (no link Hepsiburada can fetch)' }],
    })
  }
  const packageNumber = await packageOf(ctx, orderId)
  try {
    await ctx.request({
      host: 'oms',
      method: 'PUT',
      path: `/packages/${merchantPath(ctx)}/packagenumber/${encodeURIComponent(packageNumber)}/invoice`,
      json: { invoiceLink: invoice.url },
      quotaGroup: 'oms',
    })
  } catch (error) {
    if (isKopruError(error) && error.provider?.status === 409) {
      throw new KopruError('conflict', `Hepsiburada package ${packageNumber} already has an invoice`, { provider: error.provider })
    }
    throw error
  }
  return { order_id: orderId, provider: 'hepsiburada', connection_id: ctx.connection.id, invoice_number: invoice.number, url: invoice.url, sent: 'link', status: 'accepted' }
}
