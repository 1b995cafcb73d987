import type { Contact, CreateContactRequest, ProviderContact } from '../../models/contact.js'
import type { ResolvedConnection } from '../connections.js'
import { decodeCursor, encodeCursor } from '../cursor.js'
import { KopruError } from '../errors.js'
import { canonicalJson, runExactlyOnce, sha256Hex, type StoredAnswer } from '../idempotency.js'
import type { RequestScope } from '../request-scope.js'
import type { AccountingDeps } from './service.js'

/** Contacts live at the provider (Paraşüt's customers and suppliers); kopru keeps no copy of them. */
const unified = (connection: ResolvedConnection, contact: ProviderContact): Contact => ({ ...contact, provider: connection.provider.id, connection_id: connection.info.id })

type ContactOperation = 'contacts.list' | 'contacts.get' | 'contacts.create'

/** A connection whose provider keeps contacts; the others answer 501 before any call, pointing at their docs. */
async function contactsConnection(deps: AccountingDeps, tenantId: string, connectionId: string, operation: ContactOperation) {
  const connection = await deps.runner.usable(tenantId, connectionId)
  if (!connection.provider.operations[operation]) {
    throw new KopruError('unsupported_operation', `${connection.provider.name} keeps no contacts (${operation}); see docs/providers/${connection.provider.id}.md`)
  }
  return connection
}

export async function listContacts(deps: AccountingDeps, input: {
  tenantId: string
  connectionId: string
  limit: number
  cursor: string | undefined
  filters: { tax_id?: string; name?: string }
  scope: RequestScope
}) {
  const { tax_id: taxId, name } = input.filters
  const filters = { tax_id: taxId ?? null, name: name ?? null }
  await contactsConnection(deps, input.tenantId, input.connectionId, 'contacts.list')
  const page = decodeCursor(input.connectionId, input.cursor, filters)
  const { result, connection } = await deps.runner.run(input.tenantId, input.connectionId, 'contacts.list', { limit: input.limit, page, taxId, name }, input.scope)
  return { data: result.data.map((contact) => unified(connection, contact)), next_cursor: encodeCursor(input.connectionId, result.next, filters) }
}

export async function getContact(deps: AccountingDeps, input: { tenantId: string; connectionId: string; id: string; scope: RequestScope }): Promise<Contact> {
  await contactsConnection(deps, input.tenantId, input.connectionId, 'contacts.get')
  const { result, connection } = await deps.runner.run(input.tenantId, input.connectionId, 'contacts.get', { id: input.id }, input.scope)
  return unified(connection, result)
}

/**
 * Exactly once per Idempotency-Key (the same key and body replays the first answer, another body is 422); the
 * adapter answers a contact already kept under the tax id instead of making a second, also after a lost answer.
 */
export async function createContact(deps: AccountingDeps, input: {
  tenantId: string
  connectionId: string
  idempotencyKey: string
  request: CreateContactRequest
  scope: RequestScope
}): Promise<StoredAnswer> {
  const { tenantId, connectionId, idempotencyKey: key, request, scope } = input
  await contactsConnection(deps, tenantId, connectionId, 'contacts.create')
  const requestHash = await sha256Hex(canonicalJson({ connection: connectionId, contact: request }))
  return runExactlyOnce(
    deps.idempotency,
    {
      tenantId,
      key,
      operation: 'contacts.create',
      requestHash,
      onReleaseError: (error) => deps.log.error('could not release an idempotency key', { tenant_id: tenantId, error: error.message }),
    },
    async () => {
      const { result, connection } = await deps.runner.run(tenantId, connectionId, 'contacts.create', { contact: request }, scope)
      const { raw: _raw, ...contact } = unified(connection, result)
      return { status: 201, body: contact }
    },
  )
}
