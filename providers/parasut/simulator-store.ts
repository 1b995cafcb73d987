/** The simulated Paraşüt company: contacts, sales invoices, e-documents and the trackable-job queue. */
import { isValidTckn, isValidVkn, UNKNOWN_CONSUMER_TCKN } from '../../src/core/provider-kit/tax-id.js'
import type { Context } from 'hono'
import type { SimulatorClock } from '../../src/core/provider-kit/simulator.js'

/** Paraşüt's JSON:API error envelope. */
export const jsonApiError = (c: Context, status: 400 | 401 | 404 | 422 | 429 | 500 | 502, errors: { title: string; detail: string; pointer?: string }[]) =>
  c.json({ errors: errors.map((e) => ({ title: e.title, detail: e.detail, ...(e.pointer ? { source: { pointer: e.pointer } } : {}) })) }, status)

export const readJson = async (c: Context): Promise<any> => {
  try {
    return await c.req.json()
  } catch {
    return null
  }
}
export const refuse = (c: Context, refusal: Refusal) => jsonApiError(c, 422, [refusal])

export interface SimContact {
  id: string
  name: string
  tax_number: string | null
  tax_office: string | null
  attributes: Record<string, unknown>
}
export interface SimDetail {
  quantity: number
  unit_price: string
  vat_rate: number
  discount_value: string
  description: string
  net: bigint
  vat: bigint
}
export interface SimInvoice {
  id: string
  contactId: string
  attributes: Record<string, unknown>
  details: SimDetail[]
  eDocument?: { id: string; type: 'e_archives' | 'e_invoices' }
}
export interface SimEDocument {
  id: string
  type: 'e_archives' | 'e_invoices'
  invoiceId: string
  uuid: string
  invoice_number: string
  /** EArchiveAttributes.status (`legalized` here) or EInvoiceAttributes.status (`waiting` until GİB answers, then `successful`). */
  status: 'legalized' | 'waiting' | 'successful'
  /** When a `waiting` e-Fatura is answered. */
  settlesAt: number
}
export interface SimJob {
  id: string
  /** A job id answers for 15 minutes ("`id`'nin kullanım süresi oluşturulduktan sonra 15 dakikadır"), then 404. */
  expiresAt: number
  readyAt: number
  /** TrackableJobAttributes.status: `running`, `done`, `error` (the document's enum; its prose also names `pending`). */
  status: 'running' | 'done' | 'error'
  errors: string[]
  complete: () => void
}

export type Refusal = { pointer: string; title: string; detail: string }
export const JOB_ID_LIFETIME_MS = 15 * 60_000

const kurus = (text: string) => {
  const [whole, fraction = ''] = text.split('.')
  return BigInt(whole! + fraction.padEnd(4, '0').slice(0, 4))
}
/** A decimal as the document types it (a number), or as a string, which Paraşüt's Rails API also takes. */
export const decimalText = (value: unknown) => (typeof value === 'number' ? value.toFixed(4) : String(value ?? '0'))
/** 4-decimal units × quantity, rounded half up to kuruş. */
const lineNet = (unitPrice: string, quantity: number) => (kurus(unitPrice) * BigInt(quantity) + 50n) / 100n
export const format = (units: bigint) => `${units / 100n}.${String(units % 100n).padStart(2, '0')}`

/** Paraşüt's own per-line VAT: round(net × rate) half up — not the gross-first split kopru uses for marketplaces. */
export function priceDetail(detail: Omit<SimDetail, 'net' | 'vat'>): SimDetail {
  const net = lineNet(detail.unit_price, detail.quantity) - kurus(detail.discount_value) / 100n
  return { ...detail, net, vat: (net * BigInt(detail.vat_rate) + 50n) / 100n }
}

export function validateTaxNumber(taxNumber: string | null, taxOffice: string | null): Refusal | null {
  if (!taxNumber) return null
  const ok = taxNumber === UNKNOWN_CONSUMER_TCKN || (taxNumber.length === 10 ? isValidVkn(taxNumber) : isValidTckn(taxNumber))
  if (!ok) return { pointer: '/data/attributes/tax_number', title: 'Geçersiz vergi numarası', detail: 'Vergi/TC kimlik numarası geçerli değil' }
  if (taxNumber.length === 10 && !taxOffice) return { pointer: '/data/attributes/tax_office', title: 'Vergi dairesi boş olamaz', detail: 'VKN ile kesilen faturada vergi dairesi zorunludur' }
  return null
}

export function createCompanyStore(clock: SimulatorClock, options: { issueDelayMs: number; series: string }) {
  let sequence = 0
  const next = () => String(++sequence + 1000)
  const contacts = new Map<string, SimContact>()
  const invoices = new Map<string, SimInvoice>()
  const eDocuments = new Map<string, SimEDocument>()
  const jobs = new Map<string, SimJob>()
  const numbers = new Set<string>()
  let issued = 0
  const control = { failNextIssuance: [] as string[] }

  function advanceJobs() {
    for (const job of jobs.values()) if (job.status === 'running' && clock.now() >= job.readyAt) job.complete()
    for (const doc of eDocuments.values()) if (doc.status === 'waiting' && clock.now() >= doc.settlesAt) doc.status = 'successful'
  }

  function startIssuance(invoice: SimInvoice, type: SimEDocument['type']): SimJob {
    const failure = control.failNextIssuance.shift()
    const job: SimJob = {
      id: next(),
      expiresAt: clock.now() + JOB_ID_LIFETIME_MS,
      readyAt: clock.now() + options.issueDelayMs,
      status: 'running',
      errors: [],
      complete() {
        if (failure) {
          job.status = 'error'
          job.errors = [failure]
          return
        }
        const series = typeof invoice.attributes.invoice_series === 'string' ? invoice.attributes.invoice_series : options.series
        const given = invoice.attributes.invoice_id
        const year = String(invoice.attributes.issue_date).slice(0, 4)
        const number = `${series}${year}${String(typeof given === 'number' ? given : ++issued).padStart(9, '0')}`
        const status = type === 'e_invoices' ? 'waiting' : 'legalized'
        const doc: SimEDocument = { id: next(), type, invoiceId: invoice.id, uuid: crypto.randomUUID(), invoice_number: number, status, settlesAt: clock.now() + options.issueDelayMs }
        eDocuments.set(doc.id, doc)
        numbers.add(number)
        invoice.eDocument = { id: doc.id, type }
        // SalesInvoiceAttributes.invoice_no: the number the formalised invoice carries.
        invoice.attributes.invoice_no = number
        job.status = 'done'
      },
    }
    jobs.set(job.id, job)
    return job
  }

  return { contacts, invoices, eDocuments, jobs, numbers, control, next, advanceJobs, startIssuance }
}
export type CompanyStore = ReturnType<typeof createCompanyStore>
