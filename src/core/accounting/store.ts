import type { InvoiceRow } from '../../db/invoices.js'
import { Invoice, type InvoiceState } from '../../models/invoice.js'
import { KopruError } from '../errors.js'
import type { RequestScope } from '../request-scope.js'
import type { AccountingDeps } from './service.js'

export const isOpen = (status: string) => status === 'draft' || status === 'issuing'

/** Fields in the schema's order; unchanged if it does not parse. */
export function presentInvoice(invoice: unknown): Invoice {
  const parsed = Invoice.safeParse(invoice)
  return parsed.success ? parsed.data : (invoice as Invoice)
}

export function invoiceView(row: InvoiceRow): Invoice {
  return presentInvoice({ ...(row.data as unknown as Invoice), id: row.id, status: row.status, number: row.number, updated_at: row.updatedAt.toISOString() })
}

/** The stored invoice with what the provider now says. */
function merged(row: InvoiceRow, state: InvoiceState, now: Date): Omit<Invoice, 'raw'> {
  const before = row.data as unknown as Invoice
  return {
    ...before,
    id: row.id,
    status: state.status,
    provider_status: state.provider_status,
    number: state.number ?? before.number,
    ettn: state.ettn ?? before.ettn,
    pdf_url: state.pdf_url ?? before.pdf_url,
    errors: state.errors,
    issued_at: before.issued_at ?? (state.status === 'issued' ? now.toISOString() : null),
    updated_at: now.toISOString(),
  }
}

export async function storedInvoice(deps: AccountingDeps, tenantId: string, id: string): Promise<InvoiceRow> {
  const row = /^inv_[A-Za-z0-9]{1,40}$/.test(id) ? await deps.invoices.get(tenantId, id) : undefined
  if (!row) throw new KopruError('not_found', `invoice '${id}' does not exist`)
  return row
}

/** Stores a provider answer; a status change becomes `invoice.status_changed` in the same transaction. */
export async function applyState(deps: AccountingDeps, row: InvoiceRow, state: InvoiceState): Promise<Invoice> {
  const data = merged(row, state, deps.now())
  await deps.invoices.update(
    row.tenantId,
    row.id,
    { status: state.status, number: data.number, providerState: { ...row.providerState, ...state.state }, data: data as unknown as Record<string, unknown> },
    data,
  )
  return presentInvoice({ ...data, raw: state.raw })
}

export async function refreshInvoice(deps: AccountingDeps, row: InvoiceRow, scope: RequestScope): Promise<Invoice> {
  const { result } = await deps.runner.run(row.tenantId, row.connectionId, 'invoices.get', { id: row.providerId, state: row.providerState }, scope)
  return applyState(deps, row, result)
}
