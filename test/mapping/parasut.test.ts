import { describe, expect, it } from 'vitest'
import { invoiceState, parasutCurrencyTable, parasutEArchiveStatusTable, parasutEInvoiceStatusTable, parasutJobStatusTable, parasutPointerTable } from '../../providers/parasut/mapping.js'
import { salesInvoiceDocument, trackableJobDocument } from '../../providers/parasut/wire.js'
import { everyRow } from './rows.js'

const invoice = (attributes: Record<string, unknown> = {}) =>
  salesInvoiceDocument.parse({ data: { id: 41, type: 'sales_invoices', attributes: { issue_date: '2026-11-20', currency: 'TRL', ...attributes } } })
const job = (status: string | undefined, errors?: string[]) => trackableJobDocument.parse({ data: { id: 'j1', type: 'trackable_jobs', attributes: { status, errors } } }).data
/** An invoice whose active e-document is `type` with `status`. */
const withEDocument = (type: 'e_archives' | 'e_invoices', status: string | undefined, attributes: Record<string, unknown> = {}) =>
  salesInvoiceDocument.parse({
    data: { id: 41, type: 'sales_invoices', attributes: { issue_date: '2026-11-20', invoice_no: 'KPR2026000000001' }, relationships: { active_e_document: { data: { id: 9, type } } } },
    included: [{ id: 9, type, attributes: { uuid: 'u-1', status, ...attributes } }],
  })

describe('Paraşüt tables, every row', () => {
  it('currency: the lira is TRL on the wire', () =>
    everyRow(parasutCurrencyTable, (currency) => parasutCurrencyTable[currency]!, { TRY: 'TRL', USD: 'USD', EUR: 'EUR', GBP: 'GBP' }))

  it('trackable job status -> the invoice’s status while its e-document is being issued', () =>
    everyRow(parasutJobStatusTable, (status) => invoiceState(invoice(), job(status), {}).status, {
      pending: 'issuing', running: 'issuing', done: 'issued', error: 'failed',
    }))

  it('a job status the table does not know keeps the invoice issuing; a failed job carries its errors', () => {
    expect(invoiceState(invoice(), job('queued_somewhere'), {})).toMatchObject({ status: 'issuing', provider_status: 'job:queued_somewhere' })
    expect(invoiceState(invoice(), job('error', ['VKN hatalı']), {}).errors).toEqual([{ code: 'parasut_job_error', message: 'VKN hatalı', path: null }])
    expect(invoiceState(invoice({ item_type: 'cancelled' }), job('done'), {}).status).toBe('cancelled')
    // Archiving (POST …/archive) hides an invoice in Paraşüt's lists; it does not cancel it.
    expect(invoiceState(invoice({ archived: true }), job('done'), {}).status).toBe('issued')
    expect(invoiceState(invoice(), null, {})).toMatchObject({ status: 'draft', provider_status: 'no_e_document' })
  })

  it('e-Arşiv status (EArchiveAttributes) -> issued, whatever became of it with the buyer', () =>
    everyRow(parasutEArchiveStatusTable, (status) => invoiceState(withEDocument('e_archives', status), null, {}).status, {
      sent: 'issued', printed: 'issued', legalized: 'issued', bounced: 'issued',
    }))

  it('e-Fatura status (EInvoiceAttributes) -> issuing until GİB / the receiver answers, then issued or failed', () =>
    everyRow(parasutEInvoiceStatusTable, (status) => invoiceState(withEDocument('e_invoices', status), null, {}).status, {
      waiting: 'issuing', successful: 'issued', failed: 'failed',
    }))

  it('an e-document or a job that does not say its status; a failed e-Fatura says why; the number of an e-Fatura is invoice_no', () => {
    expect(invoiceState(invoice(), job(undefined), {})).toMatchObject({ status: 'issuing', provider_status: 'job:unknown', errors: [] })
    expect(invoiceState(withEDocument('e_archives', undefined), null, {})).toMatchObject({ status: 'issued', provider_status: 'issued' })
    expect(invoiceState(withEDocument('e_invoices', undefined), null, {})).toMatchObject({ status: 'issuing', number: 'KPR2026000000001' })
    expect(invoiceState(withEDocument('e_invoices', 'failed', { response_note: 'GTB reddetti' }), null, {}).errors).toEqual([{ code: 'parasut_e_invoice_failed', message: 'GTB reddetti', path: null }])
    expect(invoiceState(withEDocument('e_invoices', 'failed'), null, {}).errors[0]!.message).toMatch(/failed/)
    expect(invoiceState(withEDocument('e_archives', 'sent', { invoice_number: 'ARS2026000000002' }), null, {}).number).toBe('ARS2026000000002')
  })

  it('validation error source.pointer -> the field of kopru’s request', () =>
    everyRow(parasutPointerTable, (pointer) => parasutPointerTable[pointer]!, {
      '/data/attributes/tax_number': 'body.buyer.tax_id',
      '/data/attributes/tax_office': 'body.buyer.tax_office',
      '/data/attributes/currency': 'body.currency',
      '/data/attributes/invoice_id': 'body.number',
      '/data/attributes/invoice_series': 'body.number',
      '/data/attributes/issue_date': 'body.issue_date',
      '/data/attributes/vat_rate': 'body.lines',
      '/data/attributes/email': 'body.buyer.email',
    }))
})
