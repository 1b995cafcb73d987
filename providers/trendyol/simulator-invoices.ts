/**
 * Trendyol's "Send Invoice Link" for the simulator: POST /integration/sellers/{sellerId}/seller-invoice-links
 * (sources: the "Invoice Integration" pages of developers.trendyol.com as scraped in
 * RobertPopa10/order-trendyol-modalite, and bberka/TrendyolSharp RequestSendInvoiceLink). One link per package;
 * the wording of refusals is the simulator's own.
 */
import type { Context, Hono } from 'hono'
import type { TrendyolPackage } from './types.js'

type ErrorFn = (c: Context, status: 400 | 404, key: string, message: string) => Response

export interface SentInvoiceLink {
  shipmentPackageId: number
  invoiceLink: string
  invoiceNumber: string
  invoiceDateTime: number
}

export function mountTrendyolInvoiceLinks<E extends { Variables: { seller: { sellerId: string; packages: TrendyolPackage[] } } }>(
  app: Hono<E>,
  { error }: { error: ErrorFn },
) {
  const links = new Map<string, SentInvoiceLink[]>()
  app.post('/integration/sellers/:sellerId/seller-invoice-links', async (c) => {
    const seller = c.get('seller') as { sellerId: string; packages: TrendyolPackage[] }
    const body = (await c.req.json().catch(() => null)) as Partial<SentInvoiceLink> | null
    if (!body || typeof body.invoiceLink !== 'string' || !/^https?:\/\//.test(body.invoiceLink)) {
      return error(c, 400, 'invoice.link.invalid', 'invoiceLink geçerli bir URL olmalıdır.')
    }
    if (typeof body.invoiceNumber !== 'string' || typeof body.invoiceDateTime !== 'number' || !Number.isFinite(body.invoiceDateTime)) {
      return error(c, 400, 'invoice.fields.required', 'invoiceNumber ve invoiceDateTime zorunludur.')
    }
    if (!seller.packages.some((pkg) => pkg.id === body.shipmentPackageId)) return error(c, 404, 'shipment.package.not.found', 'Paket bulunamadı.')
    const list = links.get(seller.sellerId) ?? []
    if (list.some((link) => link.shipmentPackageId === body.shipmentPackageId)) {
      return error(c, 400, 'seller.invoice.link.already.exists', 'Bu paket için fatura linki daha önce gönderilmiş.')
    }
    list.push(body as SentInvoiceLink)
    links.set(seller.sellerId, list)
    return c.body(null, 201)
  })
  return { links: (sellerId: string) => links.get(sellerId) ?? [] }
}
