/**
 * Trendyol's "Send Invoice Link" and "Fatura Dosyası Gönderme" for the simulator: POST /integration/sellers/
 * {sellerId}/seller-invoice-links and …/seller-invoice-file (sources: the "Invoice Integration" pages of
 * developers.trendyol.com as scraped in RobertPopa10/order-trendyol-modalite, developers.trendyol.com
 * "Fatura Dosyası Gönderme" / "Send Customer Invoice File" (multipart `shipmentPackageId` + `file`; pdf, jpeg,
 * png; at most 10 MB; no future-dated invoice; one invoice per package), and bberka/TrendyolSharp
 * RequestSendInvoiceLink). One invoice, link or file, per package; the error keys are the simulator's own.
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

export interface SentInvoiceFile {
  shipmentPackageId: number
  filename: string
  contentType: string
  bytes: Uint8Array
  invoiceNumber: string | null
}

const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png']
const MAX_FILE_BYTES = 10 * 1024 * 1024

export function mountTrendyolInvoiceLinks<E extends { Variables: { seller: { sellerId: string; packages: TrendyolPackage[] } } }>(
  app: Hono<E>,
  { error, clock }: { error: ErrorFn; clock: { now(): number } },
) {
  const links = new Map<string, SentInvoiceLink[]>()
  const files = new Map<string, SentInvoiceFile[]>()
  const invoiced = (sellerId: string, packageId: number) =>
    (links.get(sellerId) ?? []).some((link) => link.shipmentPackageId === packageId) || (files.get(sellerId) ?? []).some((file) => file.shipmentPackageId === packageId)
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
    if (invoiced(seller.sellerId, body.shipmentPackageId!)) {
      return error(c, 400, 'seller.invoice.link.already.exists', 'Bu paket için fatura linki daha önce gönderilmiş.')
    }
    list.push(body as SentInvoiceLink)
    links.set(seller.sellerId, list)
    return c.body(null, 201)
  })
  app.post('/integration/sellers/:sellerId/seller-invoice-file', async (c) => {
    const seller = c.get('seller') as { sellerId: string; packages: TrendyolPackage[] }
    const form = await c.req.formData().catch(() => null)
    const file = form?.get('file')
    if (!form || !(file instanceof File)) return error(c, 400, 'invoice.file.required', 'Dosya gönderilmedi. Lütfen fatura dosyasını seçip tekrar deneyin.')
    if (!FILE_TYPES.includes(file.type)) return error(c, 400, 'invoice.file.type', `Dosya türü (${file.type}) desteklenmiyor. Desteklenen dosya türleri: ${FILE_TYPES.join(',')}`)
    if (file.size > MAX_FILE_BYTES) return error(c, 400, 'invoice.file.size', 'Dosya boyutu 10 MB dan büyük olamaz.')
    const packageId = Number(form.get('shipmentPackageId'))
    if (!seller.packages.some((pkg) => pkg.id === packageId)) return error(c, 404, 'shipment.package.not.found', `${form.get('shipmentPackageId')} Idli kargo paketi bulunamadı.`)
    const at = Number(form.get('invoiceDateTime') ?? 0)
    if (at > clock.now() + 60_000) return error(c, 400, 'invoice.date.future', 'İleri tarihli fatura eklenemez.')
    if (invoiced(seller.sellerId, packageId)) return error(c, 400, 'seller.invoice.file.already.exists', `${packageId} numaralı pakete ait fatura önceden gönderilmiş.`)
    const invoiceNumber = form.get('invoiceNumber')
    const list = files.get(seller.sellerId) ?? []
    list.push({ shipmentPackageId: packageId, filename: file.name, contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()), invoiceNumber: typeof invoiceNumber === 'string' ? invoiceNumber : null })
    files.set(seller.sellerId, list)
    return c.body(null, 201)
  })
  return { links: (sellerId: string) => links.get(sellerId) ?? [], files: (sellerId: string) => files.get(sellerId) ?? [] }
}
