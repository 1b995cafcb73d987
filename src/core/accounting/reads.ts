import type { Invoice, TaxIdLookup } from '../../models/invoice.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { KopruError } from '../errors.js'
import { taxIdKind } from '../provider-kit/tax-id.js'
import type { RequestScope } from '../request-scope.js'
import type { AccountingDeps } from './service.js'
import { invoiceView, isOpen, refreshInvoice, applyState, storedInvoice } from './store.js'

/** A stored invoice; while it is still being issued, asked of the provider (and any change announced). */
export async function getInvoice(deps: AccountingDeps, input: { tenantId: string; id: string; scope: RequestScope }): Promise<Invoice> {
  const row = await storedInvoice(deps, input.tenantId, input.id)
  return isOpen(row.status) ? refreshInvoice(deps, row, input.scope) : invoiceView(row)
}

export async function listInvoices(deps: AccountingDeps, input: { tenantId: string; connectionId: string | undefined; limit: number; cursor: string | undefined }) {
  const scope = input.connectionId ?? '*'
  const after = decodeCursor(scope, input.cursor) as { t: string; i: string } | undefined
  if (after !== undefined && (typeof after?.t !== 'string' || typeof after.i !== 'string' || Number.isNaN(Date.parse(after.t)))) {
    throw new KopruError('invalid_request', 'cursor is not one kopru issued', { errors: [{ path: 'cursor', message: 'pass next_cursor back unchanged' }] })
  }
  const rows = await deps.invoices.list(input.tenantId, input.connectionId, input.limit + 1, after && { createdAt: new Date(after.t), id: after.i })
  const page = rows.slice(0, input.limit)
  const last = page.at(-1)
  return {
    data: page.map(invoiceView),
    next_cursor: rows.length > input.limit && last ? encodeCursor(scope, { t: last.createdAt.toISOString(), i: last.id }) : null,
  }
}

export async function cancelInvoice(deps: AccountingDeps, input: { tenantId: string; id: string; scope: RequestScope }): Promise<Invoice> {
  const row = await storedInvoice(deps, input.tenantId, input.id)
  if (row.status === 'cancelled') return invoiceView(row)
  const { result } = await deps.runner.run(row.tenantId, row.connectionId, 'invoices.cancel', { id: row.providerId, state: row.providerState }, input.scope)
  return applyState(deps, row, result)
}

export async function invoicePdf(deps: AccountingDeps, input: { tenantId: string; id: string; scope: RequestScope }) {
  const row = await storedInvoice(deps, input.tenantId, input.id)
  if (row.status !== 'issued') throw new KopruError('conflict', `invoice '${row.id}' is ${row.status}; a PDF exists once it is issued`)
  const { result } = await deps.runner.run(row.tenantId, row.connectionId, 'invoices.pdf', { id: row.providerId, state: row.providerState }, input.scope)
  return result
}

export async function lookupTaxId(deps: AccountingDeps, input: { tenantId: string; connectionId: string | undefined; taxId: string; scope: RequestScope }): Promise<TaxIdLookup> {
  const kind = taxIdKind(input.taxId)
  if (!kind) {
    throw new KopruError('invalid_request', `'${input.taxId}' is not a valid VKN or TCKN`, {
      errors: [{ path: 'path.id', message: 'a VKN (10 digits) or TCKN (11 digits) with valid check digits' }],
    })
  }
  const { result } = await deps.runner.run(input.tenantId, input.connectionId, 'tax_ids.lookup', { taxId: input.taxId }, input.scope)
  return { ...result, kind }
}

/** Issuance sync (polled): asks the provider about the connection's invoices still being issued. */
export async function refreshIssuing(deps: AccountingDeps, input: { tenantId: string; connectionId: string; scope: RequestScope; limit?: number }): Promise<number> {
  const rows = await deps.invoices.issuing(input.connectionId, input.limit ?? 50)
  for (const row of rows) if (row.tenantId === input.tenantId) await refreshInvoice(deps, row, input.scope)
  return rows.length
}

/** The invoice's link and number for a marketplace: its order must be this one (when it was made from one). */
export async function attachableInvoice(deps: AccountingDeps, input: { tenantId: string; id: string; orderConnectionId: string; orderId: string; scope: RequestScope }) {
  const row = await storedInvoice(deps, input.tenantId, input.id)
  const invoice = invoiceView(row)
  if (row.status !== 'issued' || !invoice.number) {
    throw new KopruError('conflict', `invoice '${row.id}' is ${row.status}; only an issued invoice can be sent to the marketplace`)
  }
  if (row.orderId && (row.orderId !== input.orderId || row.orderConnectionId !== input.orderConnectionId)) {
    throw new KopruError('conflict', `invoice '${row.id}' was made for order ${row.orderId}`, {
      errors: [{ path: 'body.invoice_id', message: 'an invoice of another order' }],
    })
  }
  const url = invoice.pdf_url ?? (await invoicePdf(deps, input)).url
  return { url, number: invoice.number, issued_at: invoice.issued_at ?? invoice.updated_at }
}
