import { describe, expect, it } from 'vitest'
import { invoiceState, parasutCurrencyTable, parasutJobStatusTable, parasutPointerTable } from '../../providers/parasut/mapping.js'
import { salesInvoiceDocument, trackableJobDocument } from '../../providers/parasut/wire.js'
import { everyRow } from './rows.js'

const invoice = (attributes: Record<string, unknown> = {}) =>
  salesInvoiceDocument.parse({ data: { id: 41, type: 'sales_invoices', attributes: { issue_date: '2026-11-20', currency: 'TRL', ...attributes } } })
const job = (status: string, errors?: string[]) => trackableJobDocument.parse({ data: { id: 'j1', type: 'trackable_jobs', attributes: { status, errors } } }).data

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
    expect(invoiceState(invoice({ status: 'cancelled' }), job('done'), {}).status).toBe('cancelled')
    expect(invoiceState(invoice(), null, {})).toMatchObject({ status: 'draft', provider_status: 'no_e_document' })
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
