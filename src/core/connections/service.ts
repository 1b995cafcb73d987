/**
 * Connections: a tenant's stored, verified access to one provider account. This file composes the parts —
 * creation (create.ts), OAuth authorization (authorize.ts), provider webhooks (provider-webhooks.ts) — over the
 * connection repository (the table's only writer) and this instance's cache (cache.ts).
 */
import type { RequestScope } from '../request-scope.js'
import { connectionRepository, type ConnectionRepository } from '../../db/connections.js'
import type { Database } from '../../db/types.js'
import type { RecordConnectionEvent } from '../connection-events.js'
import type { Keyring } from '../crypto.js'
import { KopruError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { OperationContext } from '../provider-kit/types.js'
import type { Registry } from '../registry.js'
import { authorizeConnection } from './authorize.js'
import type { ConnectionStateCache } from './cache.js'
import { createConnection } from './create.js'
import { mergedCredentials, mergedSettings, storeConnectionChange, type ConnectionPatch } from '../connection-update.js'
import { verifyCredentials } from './verification.js'
import type { ProviderWebhookSubscriptions } from './provider-webhooks.js'
import { isConnectionId, snapshotOf, type AuthorizeConnectionInput, type CreateConnectionInput, type ResolvedConnection } from './types.js'

/** Builds an operation context for a connection (also one not stored yet: the credential check). */
export type ContextFor = (connection: ResolvedConnection, scope: RequestScope, operation: string) => OperationContext

export interface ConnectionServiceDeps {
  db: Database
  repository: ConnectionRepository
  keyring: Keyring
  registry: Registry
  log: Logger
  cache: ConnectionStateCache
  events: RecordConnectionEvent
  webhooks: ProviderWebhookSubscriptions
  contextFor: ContextFor
}

const missing = (id: string) => new KopruError('not_found', `connection '${id}' does not exist`)

export function createConnectionService(deps: ConnectionServiceDeps) {
  const { repository, cache } = deps

  /** Tenant-scoped: another tenant's connection is `not_found`, never `forbidden`. */
  async function get(tenantId: string, id: string): Promise<ResolvedConnection> {
    const cached = cache.get(tenantId, id)
    if (cached) return cached
    const row = isConnectionId(id) ? await repository.get(tenantId, id) : undefined
    if (!row) throw missing(id)
    const resolved = { ...snapshotOf(row), provider: deps.registry.get(row.provider), credentials: JSON.parse(await deps.keyring.decrypt(row.credentials)) }
    cache.set(resolved)
    return resolved
  }

  async function remove(tenantId: string, id: string): Promise<void> {
    await deps.webhooks.remove(await get(tenantId, id))
    const row = await repository.delete(tenantId, id)
    cache.forget(tenantId, id)
    if (!row) throw missing(id)
    deps.log.info('connection deleted', { tenant_id: tenantId, connection_id: id, provider: row.provider })
  }

  /**
   * Moves an active connection to `needs_reauth` and records `connection.needs_reauth` in the same transaction
   * (polling pauses for it). Returns false when it was not active.
   */
  async function markNeedsReauth(tenantId: string, id: string, reason: string, extra: Record<string, unknown> = {}): Promise<boolean> {
    const changed = await deps.db.transaction(async (transaction) => {
      const tx = transaction as unknown as Database
      const row = await connectionRepository(tx).setStatus(id, 'needs_reauth', { tenantId, from: 'active' })
      if (row) await deps.events(tx, 'connection.needs_reauth', snapshotOf(row), { reason, ...extra })
      return row !== undefined
    })
    cache.forget(tenantId, id)
    if (changed) deps.log.warn('connection needs re-authorization', { tenant_id: tenantId, connection_id: id, reason })
    return changed
  }

  /**
   * PATCH: new credentials are verified with the provider before they replace the old ones (a refusal leaves
   * the connection as it was); settings are merged. One event in the same transaction.
   */
  async function update(tenantId: string, id: string, patch: ConnectionPatch, scope: RequestScope): Promise<ResolvedConnection> {
    const current = await get(tenantId, id)
    const { provider } = current
    const credentials = patch.credentials !== undefined ? mergedCredentials(provider, current.credentials, patch.credentials) : undefined
    const settings = mergedSettings(provider, current.info.settings, patch.settings ?? {})
    let metadata = current.info.metadata
    if (credentials !== undefined) {
      const candidate: ResolvedConnection = { ...current, credentials, info: { ...current.info, settings } }
      metadata = { ...metadata, ...(await verifyCredentials(provider, deps.contextFor(candidate, scope, 'credentials.verify'))) }
    }
    await storeConnectionChange(deps, current, { credentials, settings, metadata })
    cache.forget(tenantId, id)
    deps.log.info('connection updated', { tenant_id: tenantId, connection_id: id, provider: provider.id, credentials: credentials !== undefined })
    return get(tenantId, id)
  }

  return {
    create: (input: CreateConnectionInput, scope: RequestScope) => createConnection(deps, input, scope),
    get,
    /** This instance's cached copy, as `get` finds it (recency and expiry kept), or undefined: no await on a hit. */
    cached: cache.get,
    update,
    /** This instance's cached copy, if any (no database read): for scrubbing its secrets from what a request writes. */
    peek: cache.peek,
    list: (tenantId: string, limit: number, after?: { createdAt: Date; id: string }) => repository.list(tenantId, limit, after),
    delete: remove,
    async authorize(input: AuthorizeConnectionInput, scope: RequestScope): Promise<{ connection: ResolvedConnection; created: boolean }> {
      const outcome = await authorizeConnection(deps, input, scope)
      return outcome.connection ? { connection: outcome.connection, created: true } : { connection: await get(input.tenantId, outcome.existingId!), created: false }
    },
    /** Keeps this instance's cached copy in step after a token refresh or a status change. */
    remember: cache.remember,
    markNeedsReauth,
  }
}

export type ConnectionService = ReturnType<typeof createConnectionService>
