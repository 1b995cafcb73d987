import type { RequestScope } from '../request-scope.js'
import { connectionRepository, type ConnectionRow } from '../../db/connections.js'
import type { Database } from '../../db/types.js'
import { KopruError } from '../errors.js'
import { newId } from '../ids.js'
import type { ProviderDefinition } from '../provider-kit/types.js'
import type { ConnectionServiceDeps } from './service.js'
import { snapshotOf, type AuthorizeConnectionInput, type ResolvedConnection } from './types.js'
import { verifyCredentials } from './verification.js'

/** The connection an authorization renews: the named one, or the tenant's connection to the same provider account. */
async function existingFor(deps: ConnectionServiceDeps, provider: ProviderDefinition, input: AuthorizeConnectionInput, metadata: Record<string, unknown>) {
  const accountKey = provider.auth.oauth?.accountKey
  const account = accountKey && typeof metadata[accountKey] === 'string' ? (metadata[accountKey] as string) : undefined
  const existing = input.connectionId
    ? await deps.repository.get(input.tenantId, input.connectionId)
    : account
      ? await deps.repository.findByAccount(input.tenantId, provider.id, accountKey!, account)
      : undefined
  if (input.connectionId && (!existing || existing.provider !== provider.id)) {
    throw new KopruError('not_found', `connection '${input.connectionId}' does not exist`)
  }
  const previousAccount = existing && accountKey ? existing.metadata[accountKey] : undefined
  if (previousAccount !== undefined && account !== undefined && previousAccount !== account) {
    throw new KopruError('conflict', `this ${provider.name} connection belongs to another account; connect the new account as a new connection`)
  }
  return existing
}

async function reauthorize(deps: ConnectionServiceDeps, existing: ConnectionRow, sealed: string, metadata: Record<string, unknown>) {
  await deps.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    const row = await connectionRepository(tx).updateCredentials(existing.id, sealed, { status: 'active', metadata: { ...existing.metadata, ...metadata } })
    // Re-consent on a connection that was working is an update, not a recovery.
    if (existing.status === 'needs_reauth') await deps.events(tx, 'connection.reauthorized', snapshotOf(row!))
    else await deps.events(tx, 'connection.updated', snapshotOf(row!), { changed: ['credentials'] })
  })
  deps.cache.forget(existing.tenantId, existing.id)
  deps.log.info('connection re-authorized', { tenant_id: existing.tenantId, connection_id: existing.id, provider: existing.provider })
}

/**
 * OAuth: stores a freshly authorized token set. Re-authorizes the given connection, or the tenant's existing
 * connection to the same provider account, so a reconnect never leaves a duplicate behind.
 */
export async function authorizeConnection(
  deps: ConnectionServiceDeps,
  input: AuthorizeConnectionInput,
  scope: RequestScope,
): Promise<{ existingId?: string; connection?: ResolvedConnection }> {
  const provider = deps.registry.get(input.provider)
  const parsed = provider.auth.schema.safeParse(input.credentials)
  if (!parsed.success) throw new KopruError('provider_error', `${provider.name} answered the authorization with an unexpected token set`, { provider: { id: provider.id } })
  const now = new Date()
  const candidate: ResolvedConnection = {
    info: { id: input.connectionId ?? newId('conn'), tenantId: input.tenantId, provider: provider.id, environment: input.environment, settings: {}, metadata: input.metadata },
    status: 'active',
    provider,
    credentials: parsed.data,
    createdAt: now,
    updatedAt: now,
  }
  const metadata = { ...input.metadata, ...(await verifyCredentials(provider, deps.contextFor(candidate, scope, 'credentials.verify'))) }
  candidate.info.metadata = metadata
  const existing = await existingFor(deps, provider, input, metadata)
  const sealed = await deps.keyring.encrypt(JSON.stringify(parsed.data))
  if (existing) {
    await reauthorize(deps, existing, sealed, metadata)
    return { existingId: existing.id }
  }
  await deps.webhooks.store(candidate, scope, sealed, (tx) => deps.events(tx, 'connection.created', candidate))
  deps.log.info('connection created', { tenant_id: input.tenantId, connection_id: candidate.info.id, provider: provider.id })
  return { connection: candidate }
}
