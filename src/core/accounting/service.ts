import { bindDeps } from '../bind-deps.js'
import type { InvoiceRepository } from '../../db/invoices.js'
import type { Idempotency } from '../idempotency.js'
import type { Logger } from '../logger.js'
import type { OperationRunner } from '../pipeline.js'
import { createContact, getContact, listContacts } from './contacts.js'
import { createInvoice } from './create.js'
import { attachableInvoice, cancelInvoice, getInvoice, invoicePdf, listInvoices, lookupTaxId, refreshIssuing } from './reads.js'
export { presentInvoice } from './store.js'

export interface AccountingServiceDeps {
  runner: OperationRunner
  invoices: InvoiceRepository
  idempotency: Idempotency
  log: Logger
  /** Pauses between `findInvoiceByReference` attempts after a lost answer. */
  reconcileDelaysMs?: readonly number[]
  now?: () => Date
}

/** The service's dependencies with their defaults filled in, as the functions of create/reads/store take them. */
export interface AccountingDeps extends Omit<AccountingServiceDeps, 'reconcileDelaysMs' | 'now'> {
  reconcileDelays: readonly number[]
  now: () => Date
}

/**
 * The accounting side: exactly-once invoice creation (Idempotency-Key + reconciliation by reference: a duplicate
 * invoice is a tax problem for the seller, create.ts), the invoices table (store.ts), issuance status polling,
 * PDFs, tax-id lookup, and the link of an issued invoice back to the marketplace order (reads.ts).
 */
export function createAccountingService(options: AccountingServiceDeps) {
  const { reconcileDelaysMs, now, ...rest } = options
  const deps: AccountingDeps = { ...rest, reconcileDelays: reconcileDelaysMs ?? [0, 300, 1000], now: now ?? (() => new Date()) }
  return {
    create: bindDeps(deps, createInvoice),
    /** A stored invoice; while it is still being issued, asked of the provider (and any change announced). */
    get: bindDeps(deps, getInvoice),
    list: bindDeps(deps, listInvoices),
    cancel: bindDeps(deps, cancelInvoice),
    pdf: bindDeps(deps, invoicePdf),
    lookupTaxId: bindDeps(deps, lookupTaxId),
    /** Issuance sync (polled): asks the provider about the connection's invoices still being issued. */
    refreshIssuing: bindDeps(deps, refreshIssuing),
    /** The invoice's link and number for a marketplace: its order must be this one (when it was made from one). */
    attachable: bindDeps(deps, attachableInvoice),
    /** Contacts at the provider: list, read, create exactly once (contacts.ts). */
    contacts: { list: bindDeps(deps, listContacts), get: bindDeps(deps, getContact), create: bindDeps(deps, createContact) },
  }
}

export type AccountingService = ReturnType<typeof createAccountingService>
