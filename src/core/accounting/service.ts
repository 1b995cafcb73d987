import type { RequestScope } from '../request-scope.js'
import type { InvoiceRepository, InvoiceRow } from '../../db/invoices.js'
import { Invoice, type CreateInvoiceRequest, type DocumentType, type InvoiceDraft, type InvoiceState, type TaxIdLookup } from '../../models/invoice.js'
import type { ResolvedConnection } from '../connections.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { KopruError, isKopruError } from '../errors.js'
import { newId } from '../ids.js'
import { canonicalJson, runExactlyOnce, sha256Hex, type Idempotency, type StoredAnswer } from '../idempotency.js'
import type { Logger } from '../logger.js'
import type { OperationRunner } from '../pipeline.js'
import { UNKNOWN_CONSUMER_TCKN, taxIdKind } from '../provider-kit/tax-id.js'
import { referenceFromIdempotencyKey } from '../shipping/reference.js'
import { buildDraft } from './draft.js'

export interface AccountingServiceDeps {
  runner: OperationRunner
  invoices: InvoiceRepository
  idempotency: Idempotency
  log: Logger
  /** Pauses between `findInvoiceByReference` attempts after a lost answer. */
  reconcileDelaysMs?: readonly number[]
  now?: () => Date
}

const open = (status: string) => status === 'draft' || status === 'issuing'

/** Fields in the schema's order; unchanged if it does not parse. */
export function presentInvoice(invoice: unknown): Invoice {
  const parsed = Invoice.safeParse(invoice)
  return parsed.success ? parsed.data : (invoice as Invoice)
}

function view(row: InvoiceRow): Invoice {
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

/**
 * The accounting side: exactly-once invoice creation (Idempotency-Key + reconciliation by reference: a duplicate
 * invoice is a tax problem for the seller), the invoices table, issuance status polling, PDFs, tax-id lookup, and
 * the link of an issued invoice back to the marketplace order.
 */
export function createAccountingService(deps: AccountingServiceDeps) {
  const { runner, invoices, idempotency, log } = deps
  const reconcileDelays = deps.reconcileDelaysMs ?? [0, 300, 1000]
  const now = deps.now ?? (() => new Date())

  async function accountingConnection(tenantId: string, connectionId: string | undefined) {
    const connection = await runner.usable(tenantId, connectionId)
    if (connection.provider.kind !== 'accounting' || !connection.provider.operations['invoices.create']) {
      throw new KopruError('unsupported_operation', `${connection.provider.name} does not support invoices.create`)
    }
    return connection
  }

  /** e-Fatura for a registered e-Fatura user, e-Arşiv for everyone else (docs/accounting.md). */
  async function documentTypeFor(connection: ResolvedConnection, request: CreateInvoiceRequest, taxId: string, scope: RequestScope): Promise<DocumentType> {
    if (request.document_type === 'paper') return 'paper'
    const lookup = connection.provider.operations['tax_ids.lookup']
    const registered = taxId !== UNKNOWN_CONSUMER_TCKN && lookup
      ? (await runner.run(connection.info.tenantId, connection.info.id, 'tax_ids.lookup', { taxId }, scope)).result.e_invoice_user
      : false
    if (request.document_type === 'e_fatura' && !registered) {
      throw new KopruError('invalid_request', `${taxId} is not a registered e-Fatura user; issue an e-Arşiv invoice`, {
        errors: [{ path: 'body.document_type', message: 'the buyer has no e-Fatura inbox' }],
      })
    }
    if (request.document_type === 'e_arsiv' && registered) {
      throw new KopruError('invalid_request', `${taxId} is a registered e-Fatura user: GİB requires an e-Fatura`, {
        errors: [{ path: 'body.document_type', message: 'the buyer has an e-Fatura inbox' }],
      })
    }
    return registered ? 'e_fatura' : 'e_arsiv'
  }

  async function orderFor(tenantId: string, request: CreateInvoiceRequest, scope: RequestScope) {
    if (!request.from_order) return {}
    const { connection_id: connectionId, order_id: id } = request.from_order
    const { result, connection } = await runner.run(tenantId, connectionId, 'orders.get', { id }, scope)
    const { provider } = connection
    return { order: result, channel: { provider: provider.id, name: provider.name, url: provider.website ?? provider.baseUrls.production } }
  }

  async function draftFor(connection: ResolvedConnection, request: CreateInvoiceRequest, reference: string, scope: RequestScope) {
    const currencies = connection.provider.accounting?.currencies
    if (request.currency && currencies && !currencies.includes(request.currency)) {
      throw new KopruError('invalid_request', `${connection.provider.name} does not invoice in ${request.currency}`, {
        errors: [{ path: 'body.currency', message: `one of: ${currencies.join(', ')}` }],
      })
    }
    const { order, channel } = await orderFor(connection.info.tenantId, request, scope)
    const probe = await buildDraft({ request, order, channel, reference, documentType: 'e_arsiv', now: now() })
    if (currencies && !currencies.includes(probe.currency)) {
      throw new KopruError('invalid_request', `${connection.provider.name} does not invoice in ${probe.currency}`, {
        errors: [{ path: request.from_order ? 'body.from_order' : 'body.currency', message: `one of: ${currencies.join(', ')}` }],
      })
    }
    const documentType = await documentTypeFor(connection, request, probe.buyer.tax_id, scope)
    return documentType === 'e_arsiv' ? probe : buildDraft({ request, order, channel, reference, documentType, now: now() })
  }

  /** Whether a failed create may nevertheless have reached the provider. */
  function isAmbiguous(error: unknown): boolean {
    if (!isKopruError(error)) return false
    if (error.reason === 'duplicate_reference') return true
    if (error.code === 'provider_timeout' || error.code === 'provider_unavailable') return true
    return error.code === 'provider_error' && (error.provider?.status === undefined || error.provider.status >= 500 || error.provider.status < 300)
  }

  async function reconcile(connection: ResolvedConnection, draft: InvoiceDraft, scope: RequestScope): Promise<InvoiceState | null> {
    const find = connection.provider.findInvoiceByReference
    if (!find) return null
    const ctx = runner.contextFor(connection, scope, 'invoices.reconcile')
    for (const delay of reconcileDelays) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
      try {
        const found = await find.call(connection.provider, ctx, { reference: draft.reference, invoice: draft })
        if (found) {
          log.info('invoice reconciled by reference', { request_id: scope.requestId, provider: connection.provider.id, reference: draft.reference })
          return found
        }
      } catch (error) {
        log.warn('invoice reconciliation lookup failed', { request_id: scope.requestId, provider: connection.provider.id, error: (error as Error).message })
      }
    }
    return null
  }

  /** Submits once; a lost or refused-as-duplicate answer is looked up by reference instead of sent again. */
  async function submit(connection: ResolvedConnection, draft: InvoiceDraft, resumed: boolean, scope: RequestScope): Promise<InvoiceState> {
    if (resumed) {
      const found = await reconcile(connection, draft, scope)
      if (found) return found
    }
    try {
      return (await runner.run(connection.info.tenantId, connection.info.id, 'invoices.create', { invoice: draft }, scope)).result
    } catch (error) {
      if (!isAmbiguous(error)) throw error
      log.warn('invoice create answer lost or refused as duplicate; reconciling by reference', {
        request_id: scope.requestId,
        provider: connection.provider.id,
        reference: draft.reference,
        error: (error as Error).message,
      })
      const found = await reconcile(connection, draft, scope)
      if (found) return found
      throw error
    }
  }

  async function store(connection: ResolvedConnection, draft: InvoiceDraft, state: InvoiceState): Promise<InvoiceRow> {
    const at = now()
    const { reference, note: _note, sales_channel: _channel, ...fields } = draft
    const data: Omit<Invoice, 'raw'> = {
      ...fields,
      id: '',
      provider: connection.provider.id,
      connection_id: connection.info.id,
      status: state.status,
      provider_status: state.provider_status,
      number: state.number ?? draft.number,
      ettn: state.ettn ?? draft.ettn,
      pdf_url: state.pdf_url,
      errors: state.errors,
      issued_at: state.status === 'issued' ? at.toISOString() : null,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    }
    const id = newId('inv')
    return invoices.insert({
      id,
      tenantId: connection.info.tenantId,
      connectionId: connection.info.id,
      provider: connection.provider.id,
      providerId: state.id,
      reference,
      status: state.status,
      number: data.number,
      orderConnectionId: draft.order_ref?.connection_id ?? null,
      orderId: draft.order_ref?.order_id ?? null,
      providerState: state.state ?? {},
      data: { ...data, id } as unknown as Record<string, unknown>,
      createdAt: at,
      updatedAt: at,
    })
  }

  async function create(input: {
    tenantId: string
    connectionId: string | undefined
    idempotencyKey: string
    request: CreateInvoiceRequest
    scope: RequestScope
  }): Promise<StoredAnswer> {
    const { tenantId, idempotencyKey: key, request, scope } = input
    const connection = await accountingConnection(tenantId, input.connectionId)
    const requestHash = await sha256Hex(canonicalJson({ connection: connection.info.id, request }))
    const answer = await runExactlyOnce(
      idempotency,
      {
        tenantId,
        key,
        operation: 'invoices.create',
        requestHash,
        onReleaseError: (error) => log.error('could not release an idempotency key', { tenant_id: tenantId, error: error.message }),
      },
      async ({ resumed }) => {
        const reference = await referenceFromIdempotencyKey(tenantId, key, 'invoice')
        // The reference comes only from this key: a row stored with it is this request's, from an attempt that died.
        const stored = await invoices.byReference(tenantId, connection.info.id, reference)
        if (stored) return { status: 201, body: view(stored) }
        const draft = await draftFor(connection, request, reference, scope)
        const state = await submit(connection, draft, resumed, scope)
        return { status: 201, body: view(await store(connection, draft, state)) }
      },
    )
    return answer.replayed ? { ...answer, body: presentInvoice(answer.body) } : answer
  }

  async function stored(tenantId: string, id: string): Promise<InvoiceRow> {
    const row = /^inv_[A-Za-z0-9]{1,40}$/.test(id) ? await invoices.get(tenantId, id) : undefined
    if (!row) throw new KopruError('not_found', `invoice '${id}' does not exist`)
    return row
  }

  /** Stores a provider answer; a status change becomes `invoice.status_changed` in the same transaction. */
  async function apply(row: InvoiceRow, state: InvoiceState): Promise<Invoice> {
    const data = merged(row, state, now())
    await invoices.update(
      row.tenantId,
      row.id,
      { status: state.status, number: data.number, providerState: { ...row.providerState, ...state.state }, data: data as unknown as Record<string, unknown> },
      data,
    )
    return presentInvoice({ ...data, raw: state.raw })
  }

  async function refresh(row: InvoiceRow, scope: RequestScope): Promise<Invoice> {
    const { result } = await runner.run(row.tenantId, row.connectionId, 'invoices.get', { id: row.providerId, state: row.providerState }, scope)
    return apply(row, result)
  }

  return {
    create,

    /** A stored invoice; while it is still being issued, asked of the provider (and any change announced). */
    async get(input: { tenantId: string; id: string; scope: RequestScope }): Promise<Invoice> {
      const row = await stored(input.tenantId, input.id)
      return open(row.status) ? refresh(row, input.scope) : view(row)
    },

    async list(input: { tenantId: string; connectionId: string | undefined; limit: number; cursor: string | undefined }) {
      const scope = input.connectionId ?? '*'
      const after = decodeCursor(scope, input.cursor) as { t: string; i: string } | undefined
      if (after !== undefined && (typeof after?.t !== 'string' || typeof after.i !== 'string' || Number.isNaN(Date.parse(after.t)))) {
        throw new KopruError('invalid_request', 'cursor is not one kopru issued', { errors: [{ path: 'cursor', message: 'pass next_cursor back unchanged' }] })
      }
      const rows = await invoices.list(input.tenantId, input.connectionId, input.limit + 1, after && { createdAt: new Date(after.t), id: after.i })
      const page = rows.slice(0, input.limit)
      const last = page.at(-1)
      return {
        data: page.map(view),
        next_cursor: rows.length > input.limit && last ? encodeCursor(scope, { t: last.createdAt.toISOString(), i: last.id }) : null,
      }
    },

    async cancel(input: { tenantId: string; id: string; scope: RequestScope }): Promise<Invoice> {
      const row = await stored(input.tenantId, input.id)
      if (row.status === 'cancelled') return view(row)
      const { result } = await runner.run(row.tenantId, row.connectionId, 'invoices.cancel', { id: row.providerId, state: row.providerState }, input.scope)
      return apply(row, result)
    },

    async pdf(input: { tenantId: string; id: string; scope: RequestScope }) {
      const row = await stored(input.tenantId, input.id)
      if (row.status !== 'issued') throw new KopruError('conflict', `invoice '${row.id}' is ${row.status}; a PDF exists once it is issued`)
      const { result } = await runner.run(row.tenantId, row.connectionId, 'invoices.pdf', { id: row.providerId, state: row.providerState }, input.scope)
      return result
    },

    async lookupTaxId(input: { tenantId: string; connectionId: string | undefined; taxId: string; scope: RequestScope }): Promise<TaxIdLookup> {
      const kind = taxIdKind(input.taxId)
      if (!kind) {
        throw new KopruError('invalid_request', `'${input.taxId}' is not a valid VKN or TCKN`, {
          errors: [{ path: 'path.id', message: 'a VKN (10 digits) or TCKN (11 digits) with valid check digits' }],
        })
      }
      const { result } = await runner.run(input.tenantId, input.connectionId, 'tax_ids.lookup', { taxId: input.taxId }, input.scope)
      return { ...result, kind }
    },

    /** Issuance sync (polled): asks the provider about the connection's invoices still being issued. */
    async refreshIssuing(input: { tenantId: string; connectionId: string; scope: RequestScope; limit?: number }): Promise<number> {
      const rows = await invoices.issuing(input.connectionId, input.limit ?? 50)
      for (const row of rows) if (row.tenantId === input.tenantId) await refresh(row, input.scope)
      return rows.length
    },

    /** The invoice's link and number for a marketplace: its order must be this one (when it was made from one). */
    async attachable(input: { tenantId: string; id: string; orderConnectionId: string; orderId: string; scope: RequestScope }) {
      const row = await stored(input.tenantId, input.id)
      const invoice = view(row)
      if (row.status !== 'issued' || !invoice.number) {
        throw new KopruError('conflict', `invoice '${row.id}' is ${row.status}; only an issued invoice can be sent to the marketplace`)
      }
      if (row.orderId && (row.orderId !== input.orderId || row.orderConnectionId !== input.orderConnectionId)) {
        throw new KopruError('conflict', `invoice '${row.id}' was made for order ${row.orderId}`, {
          errors: [{ path: 'body.invoice_id', message: 'an invoice of another order' }],
        })
      }
      const url = invoice.pdf_url ?? (await this.pdf(input)).url
      return { url, number: invoice.number, issued_at: invoice.issued_at ?? invoice.updated_at }
    },
  }
}

export type AccountingService = ReturnType<typeof createAccountingService>
