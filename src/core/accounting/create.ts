import type { InvoiceRow } from '../../db/invoices.js'
import type { CreateInvoiceRequest, DocumentType, Invoice, InvoiceDraft, InvoiceState } from '../../models/invoice.js'
import type { ResolvedConnection } from '../connections.js'
import { KopruError, isKopruError } from '../errors.js'
import { newId } from '../ids.js'
import { canonicalJson, runExactlyOnce, sha256Hex, type StoredAnswer } from '../idempotency.js'
import { UNKNOWN_CONSUMER_TCKN } from '../provider-kit/tax-id.js'
import type { RequestScope } from '../request-scope.js'
import { referenceFromIdempotencyKey } from '../shipping/reference.js'
import { buildDraft } from './draft.js'
import type { AccountingDeps } from './service.js'
import { invoiceView, presentInvoice } from './store.js'

async function accountingConnection(deps: AccountingDeps, tenantId: string, connectionId: string | undefined) {
  const connection = await deps.runner.usable(tenantId, connectionId)
  if (connection.provider.kind !== 'accounting' || !connection.provider.operations['invoices.create']) {
    throw new KopruError('unsupported_operation', `${connection.provider.name} does not support deps.invoices.create`)
  }
  return connection
}

/** e-Fatura for a registered e-Fatura user, e-Arşiv for everyone else (docs/accounting.md). */
async function documentTypeFor(deps: AccountingDeps, connection: ResolvedConnection, request: CreateInvoiceRequest, taxId: string, scope: RequestScope): Promise<DocumentType> {
  if (request.document_type === 'paper') return 'paper'
  const lookup = connection.provider.operations['tax_ids.lookup']
  const registered = taxId !== UNKNOWN_CONSUMER_TCKN && lookup
    ? (await deps.runner.run(connection.info.tenantId, connection.info.id, 'tax_ids.lookup', { taxId }, scope)).result.e_invoice_user
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

async function orderFor(deps: AccountingDeps, tenantId: string, request: CreateInvoiceRequest, scope: RequestScope) {
  if (!request.from_order) return {}
  const { connection_id: connectionId, order_id: id } = request.from_order
  const { result, connection } = await deps.runner.run(tenantId, connectionId, 'orders.get', { id }, scope)
  const { provider } = connection
  return { order: result, channel: { provider: provider.id, name: provider.name, url: provider.website ?? provider.baseUrls.production } }
}

async function draftFor(deps: AccountingDeps, connection: ResolvedConnection, request: CreateInvoiceRequest, reference: string, scope: RequestScope) {
  const currencies = connection.provider.accounting?.currencies
  if (request.currency && currencies && !currencies.includes(request.currency)) {
    throw new KopruError('invalid_request', `${connection.provider.name} does not invoice in ${request.currency}`, {
      errors: [{ path: 'body.currency', message: `one of: ${currencies.join(', ')}` }],
    })
  }
  const { order, channel } = await orderFor(deps, connection.info.tenantId, request, scope)
  const probe = await buildDraft({ request, order, channel, reference, documentType: 'e_arsiv', now: deps.now() })
  if (currencies && !currencies.includes(probe.currency)) {
    throw new KopruError('invalid_request', `${connection.provider.name} does not invoice in ${probe.currency}`, {
      errors: [{ path: request.from_order ? 'body.from_order' : 'body.currency', message: `one of: ${currencies.join(', ')}` }],
    })
  }
  const documentType = await documentTypeFor(deps, connection, request, probe.buyer.tax_id, scope)
  return documentType === 'e_arsiv' ? probe : buildDraft({ request, order, channel, reference, documentType, now: deps.now() })
}

/** Whether a failed create may nevertheless have reached the provider. */
function isAmbiguous(error: unknown): boolean {
  if (!isKopruError(error)) return false
  if (error.kind === 'duplicate') return true
  if (error.code === 'provider_timeout' || error.code === 'provider_unavailable') return true
  return error.code === 'provider_error' && (error.provider?.status === undefined || error.provider.status >= 500 || error.provider.status < 300)
}

async function reconcile(deps: AccountingDeps, connection: ResolvedConnection, draft: InvoiceDraft, scope: RequestScope): Promise<InvoiceState | null> {
  const find = connection.provider.findInvoiceByReference
  if (!find) return null
  const ctx = deps.runner.contextFor(connection, scope, 'invoices.reconcile')
  for (const delay of deps.reconcileDelays) {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    try {
      const found = await find.call(connection.provider, ctx, { reference: draft.reference, invoice: draft })
      if (found) {
        deps.log.info('invoice reconciled by reference', { request_id: scope.requestId, provider: connection.provider.id, reference: draft.reference })
        return found
      }
    } catch (error) {
      deps.log.warn('invoice reconciliation lookup failed', { request_id: scope.requestId, provider: connection.provider.id, error: (error as Error).message })
    }
  }
  return null
}

/** Submits once; a lost or refused-as-duplicate answer is looked up by reference instead of sent again. */
async function submit(deps: AccountingDeps, connection: ResolvedConnection, draft: InvoiceDraft, resumed: boolean, scope: RequestScope): Promise<InvoiceState> {
  if (resumed) {
    const found = await reconcile(deps, connection, draft, scope)
    if (found) return found
  }
  try {
    return (await deps.runner.run(connection.info.tenantId, connection.info.id, 'invoices.create', { invoice: draft }, scope)).result
  } catch (error) {
    if (!isAmbiguous(error)) throw error
    deps.log.warn('invoice create answer lost or refused as duplicate; reconciling by reference', {
      request_id: scope.requestId,
      provider: connection.provider.id,
      reference: draft.reference,
      error: (error as Error).message,
    })
    const found = await reconcile(deps, connection, draft, scope)
    if (found) return found
    throw error
  }
}

async function storeInvoice(deps: AccountingDeps, connection: ResolvedConnection, draft: InvoiceDraft, state: InvoiceState): Promise<InvoiceRow> {
  const at = deps.now()
  const { reference, note: _note, sales_channel: _channel, order_date: _orderDate, ...fields } = draft
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
  return deps.invoices.insert({
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

export async function createInvoice(deps: AccountingDeps, input: {
  tenantId: string
  connectionId: string | undefined
  idempotencyKey: string
  request: CreateInvoiceRequest
  scope: RequestScope
}): Promise<StoredAnswer> {
  const { tenantId, idempotencyKey: key, request, scope } = input
  const connection = await accountingConnection(deps, tenantId, input.connectionId)
  const requestHash = await sha256Hex(canonicalJson({ connection: connection.info.id, request }))
  const answer = await runExactlyOnce(
    deps.idempotency,
    {
      tenantId,
      key,
      operation: 'invoices.create',
      requestHash,
      onReleaseError: (error) => deps.log.error('could not release an idempotency key', { tenant_id: tenantId, error: error.message }),
    },
    async ({ resumed }) => {
      const reference = await referenceFromIdempotencyKey(tenantId, key, 'invoice')
      // The reference comes only from this key: a row stored with it is this request's, from an attempt that died.
      const stored = await deps.invoices.byReference(tenantId, connection.info.id, reference)
      if (stored) return { status: 201, body: invoiceView(stored) }
      const draft = await draftFor(deps, connection, request, reference, scope)
      const state = await submit(deps, connection, draft, resumed, scope)
      return { status: 201, body: invoiceView(await storeInvoice(deps, connection, draft, state)) }
    },
  )
  return answer.replayed ? { ...answer, body: presentInvoice(answer.body) } : answer
}
