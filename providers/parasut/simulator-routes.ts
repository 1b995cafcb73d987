/** The company-scoped routes of the Paraşüt simulator (sources: see simulator.ts). */
import type { Context, Hono } from 'hono'
import type { SimulatorClock } from '../../src/core/provider-kit/simulator.js'
import { mountContactRoutes } from './simulator-contacts.js'
import { decimalText, format, jsonApiError, priceDetail, readJson, refuse, validateTaxNumber, type CompanyStore, type SimEDocument, type SimInvoice } from './simulator-store.js'

interface RouteDeps {
  company: CompanyStore
  control: { dropCreateAnswers: number; dropContactAnswers: number }
  inboxes: { vkn: string; alias: string; name: string }[]
  clock: SimulatorClock
  received: { method: string; path: string; body?: unknown }[]
}

const CURRENCIES = ['TRL', 'USD', 'EUR', 'GBP']
const VAT_RATES = [0, 1, 10, 20]

export function mountSalesRoutes(app: Hono, deps: RouteDeps) {
  mountContactRoutes(app, deps)
  const { company, control, inboxes } = deps
  const base = '/v4/:company'

  // SalesInvoiceAttributes: totals are numbers; a cancelled invoice's item_type is `cancelled`. The document's
  // Swagger 2.0 cannot say `data: null`, so an invoice without an e-document leaves the relationship out.
  function invoiceResource(invoice: SimInvoice) {
    const net = invoice.details.reduce((sum, d) => sum + d.net, 0n)
    const vat = invoice.details.reduce((sum, d) => sum + d.vat, 0n)
    return {
      id: invoice.id,
      type: 'sales_invoices',
      attributes: { ...invoice.attributes, net_total: Number(format(net)), total_vat: Number(format(vat)), gross_total: Number(format(net + vat)) },
      relationships: invoice.eDocument ? { active_e_document: { data: invoice.eDocument } } : {},
    }
  }
  /** EArchiveAttributes has `invoice_number`; EInvoiceAttributes has none (the number is the sales invoice's `invoice_no`). */
  const eDocumentAttributes = (doc: SimEDocument) =>
    doc.type === 'e_archives' ? { uuid: doc.uuid, invoice_number: doc.invoice_number, status: doc.status } : { uuid: doc.uuid, status: doc.status, direction: 'outbound', scenario: 'basic' }
  const included = (invoice: SimInvoice) => {
    const doc = invoice.eDocument && company.eDocuments.get(invoice.eDocument.id)
    return doc ? [{ id: doc.id, type: doc.type, attributes: eDocumentAttributes(doc) }] : []
  }

  app.post(`${base}/sales_invoices`, async (c) => {
    const body = await readJson(c)
    deps.received.push({ method: 'POST', path: c.req.path, body })
    const attributes = body?.data?.attributes
    const contactId = body?.data?.relationships?.contact?.data?.id
    const details: any[] = body?.data?.relationships?.details?.data ?? []
    if (!attributes || !company.contacts.has(String(contactId))) return refuse(c, { pointer: '/data/relationships/contact', title: 'Müşteri bulunamadı', detail: 'contact is required' })
    if (!CURRENCIES.includes(attributes.currency)) return refuse(c, { pointer: '/data/attributes/currency', title: 'Geçersiz döviz cinsi', detail: `currency must be one of ${CURRENCIES.join(', ')}` })
    const invalid = validateTaxNumber(attributes.tax_number ?? null, attributes.tax_office ?? null)
    if (invalid) return refuse(c, invalid)
    if (details.length === 0 || details.some((d) => !VAT_RATES.includes(d?.attributes?.vat_rate))) {
      return refuse(c, { pointer: '/data/attributes/vat_rate', title: 'Geçersiz KDV oranı', detail: `vat_rate must be one of ${VAT_RATES.join(', ')}` })
    }
    if (attributes.invoice_series && attributes.invoice_id !== undefined) {
      const taken = [...company.invoices.values()].some((i) => i.attributes.invoice_series === attributes.invoice_series && i.attributes.invoice_id === attributes.invoice_id)
      if (taken) return refuse(c, { pointer: '/data/attributes/invoice_id', title: 'Fatura numarası kullanılmış', detail: 'invoice_id has already been taken' })
    }
    const invoice: SimInvoice = {
      id: company.next(),
      contactId: String(contactId),
      attributes,
      details: details.map((d) => priceDetail({ ...d.attributes, unit_price: decimalText(d.attributes.unit_price), discount_value: decimalText(d.attributes.discount_value) })),
    }
    company.invoices.set(invoice.id, invoice)
    // A lost answer: the invoice exists, the client never hears of it.
    if (control.dropCreateAnswers > 0) {
      control.dropCreateAnswers--
      return c.text('<html>502 Bad Gateway</html>', 502)
    }
    return c.json({ data: invoiceResource(invoice), included: included(invoice) }, 201)
  })

  app.get(`${base}/sales_invoices`, (c) => {
    const date = c.req.query('filter[issue_date]')
    const size = Math.min(Number(c.req.query('page[size]') ?? 15) || 15, 25)
    const rows = [...company.invoices.values()].filter((i) => !date || i.attributes.issue_date === date).reverse().slice(0, size)
    return c.json({ data: rows.map(invoiceResource), included: rows.flatMap(included), meta: { current_page: 1, total_pages: 1 } })
  })

  app.get(`${base}/sales_invoices/:id`, (c) => {
    const invoice = company.invoices.get(c.req.param('id'))
    return invoice ? c.json({ data: invoiceResource(invoice), included: included(invoice) }) : jsonApiError(c, 404, [{ title: 'Not Found', detail: 'Fatura bulunamadı' }])
  })

  app.delete(`${base}/sales_invoices/:id/cancel`, (c) => {
    const invoice = company.invoices.get(c.req.param('id'))
    if (!invoice) return jsonApiError(c, 404, [{ title: 'Not Found', detail: 'Fatura bulunamadı' }])
    invoice.attributes.item_type = 'cancelled'
    return c.json({ data: invoiceResource(invoice), included: included(invoice) })
  })

  mountEDocumentRoutes(app, deps, base)
}

function mountEDocumentRoutes(app: Hono, { company, inboxes, clock }: RouteDeps, base: string) {
  for (const type of ['e_archives', 'e_invoices'] as const) {
    app.post(`${base}/${type}`, async (c) => {
      const body = await readJson(c)
      const relationships = body?.data?.relationships
      const invoice = company.invoices.get(String((type === 'e_archives' ? relationships?.sales_invoice : relationships?.invoice)?.data?.id))
      if (!invoice) return refuse(c, { pointer: '/data/relationships/sales_invoice', title: 'Fatura bulunamadı', detail: 'sales invoice is required' })
      if (invoice.eDocument) return refuse(c, { pointer: '/data/relationships/sales_invoice', title: 'Zaten resmileştirilmiş', detail: 'this invoice already has an e-document' })
      // "order_no: resmileştirmek için order_date dolu ise bu alan zorunludur" (and order_date likewise).
      if (Boolean(invoice.attributes.order_no) !== Boolean(invoice.attributes.order_date)) {
        return refuse(c, { pointer: '/data/attributes/order_date', title: 'Sipariş tarihi eksik', detail: 'order_no and order_date go together to formalise an invoice' })
      }
      const inbox = inboxes.find((entry) => entry.vkn === invoice.attributes.tax_number)
      if (type === 'e_archives' && inbox) return refuse(c, { pointer: '/data/attributes/tax_number', title: 'Alıcı e-Fatura kullanıcısı', detail: 'e-Fatura users must receive an e-Fatura' })
      if (type === 'e_invoices' && (!inbox || body?.data?.attributes?.to !== inbox.alias)) {
        return refuse(c, { pointer: '/data/attributes/to', title: 'Geçersiz posta kutusu', detail: 'the buyer has no e-Fatura inbox with this alias' })
      }
      const job = company.startIssuance(invoice, type)
      return c.json({ data: { id: job.id, type: 'trackable_jobs', attributes: { status: job.status, errors: [] } } }, 201)
    })
    app.get(`${base}/${type}/:id/pdf`, (c) => {
      const doc = company.eDocuments.get(c.req.param('id'))
      if (!doc || doc.type !== type) return jsonApiError(c, 404, [{ title: 'Not Found', detail: 'e-belge bulunamadı' }])
      const url = `${new URL(c.req.url).origin}/pdf/${doc.uuid}.pdf`
      return c.json({ data: { id: doc.id, type: 'e_document_pdfs', attributes: { url, expires_at: new Date(clock.now() + 3600_000).toISOString() } } })
    })
  }
  app.get(`${base}/trackable_jobs/:id`, (c) => {
    const job = company.jobs.get(c.req.param('id'))
    if (!job || clock.now() > job.expiresAt) return jsonApiError(c, 404, [{ title: 'Not Found', detail: 'iş bulunamadı' }])
    return c.json({ data: { id: job.id, type: 'trackable_jobs', attributes: { status: job.status, errors: job.errors } } })
  })
  app.get(`${base}/e_invoice_inboxes`, (c) => {
    const vkn = c.req.query('filter[vkn]')
    const data = inboxes
      .filter((entry) => entry.vkn === vkn)
      .map((entry, i) => ({
        id: String(9000 + i),
        type: 'e_invoice_inboxes',
        attributes: { vkn: entry.vkn, e_invoice_address: entry.alias, name: entry.name, inbox_type: 'PK', address_registered_at: '2020-01-02T00:00:00.000+03:00', registered_at: '2020-01-02T00:00:00.000+03:00' },
      }))
    return c.json({ data })
  })
}
