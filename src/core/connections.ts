import { LRUCache } from 'lru-cache'
import { z } from 'zod'
import { and, eq } from 'drizzle-orm'
import { connectionRepository, type ConnectionRepository, type ConnectionRow } from '../db/connections.js'
import { connections as connectionsTable, webhookSubscriptions } from '../db/schema.js'
import type { Database } from '../db/types.js'
import { recordConnectionEvent, type ConnectionEventRecorder } from './connection-events.js'
import { assertHeaderSafeCredentials } from './credential-headers.js'
import { mergedCredentials, mergedSettings, storeConnectionChange, type ConnectionPatch } from './connection-update.js'
import { inboundWebhookUrl } from './events/inbound.js'
import { recordEvent } from './events/outbox.js'
import type { Keyring } from './crypto.js'
import { KopruError } from './errors.js'
import { newId, randomToken } from './ids.js'
import type { Logger } from './logger.js'
import type { ConnectionInfo, Environment, OperationContext, ProviderDefinition } from './provider-kit/types.js'
import type { Registry } from './registry.js'
import { backgroundScope, type RequestScope } from './request-scope.js'
import { parseRateSheet } from './shipping/rate-sheet.js'

export interface ResolvedConnection {
  info: ConnectionInfo
  status: ConnectionRow['status']
  provider: ProviderDefinition
  credentials: unknown
  createdAt: Date
  updatedAt: Date
}

export interface CreateConnectionInput {
  tenantId: string
  provider: string
  environment?: Environment
  credentials: unknown
  settings?: Record<string, unknown>
}

/** The outcome of an OAuth authorization, ready to become (or renew) a connection. */
export interface AuthorizeConnectionInput {
  tenantId: string
  provider: string
  environment: Environment
  /** Token set plus adapter extras, stored encrypted. */
  credentials: Record<string, unknown>
  metadata: Record<string, unknown>
  /** Re-authorize this connection instead of creating one. */
  connectionId?: string | null
}

export interface ConnectionServiceDeps {
  repository: ConnectionRepository
  keyring: Keyring
  registry: Registry
  log: Logger
  /** Builds an operation context for a connection that is not stored yet (credential check). */
  contextFor(connection: ResolvedConnection, scope: RequestScope, operation: string): OperationContext
  cacheTtlMs?: number
  /** For the transaction that stores a connection together with its `connection.created` event. */
  db: Database
  /** Where OAuth (re)authorizations record their lifecycle events (the outbox by default). */
  recordEvent?: ConnectionEventRecorder
  /** External base URL; when set, providers with `webhooks.register` get kopru's inbound URL registered. */
  publicUrl?: string | (() => string | undefined)
  /** Drops per-connection state kept outside this service (session tokens) when a connection is deleted. */
  onForget?(connectionId: string): void
}

export function createConnectionService(deps: ConnectionServiceDeps) {
  const { repository, keyring, registry } = deps
  const cache = new LRUCache<string, ResolvedConnection>({ max: 10_000, ttl: deps.cacheTtlMs ?? 60_000 })
  const cacheKey = (tenantId: string, id: string) => `${tenantId}/${id}`

  async function resolve(row: ConnectionRow): Promise<ResolvedConnection> {
    const provider = registry.get(row.provider)
    return {
      info: {
        id: row.id,
        tenantId: row.tenantId,
        provider: row.provider,
        environment: row.environment as Environment,
        settings: row.settings,
        metadata: row.metadata,
      },
      status: row.status,
      provider,
      credentials: JSON.parse(await keyring.decrypt(row.credentials)),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }
  }

  return {
    async create(input: CreateConnectionInput, scope: RequestScope): Promise<ResolvedConnection> {
      const provider = registry.get(input.provider)
      if (provider.auth.type === 'oauth2') {
        throw new KopruError('invalid_request', `${provider.name} connects through OAuth: use POST /v1/connect/sessions`)
      }
      const environment = input.environment ?? 'production'
      if (!provider.baseUrls[environment]) {
        throw new KopruError('invalid_request', `${provider.name} has no ${environment} environment`, {
          errors: [{ path: 'environment', message: `unsupported for ${provider.id}` }],
        })
      }
      const parsed = provider.auth.schema.safeParse(input.credentials)
      if (!parsed.success) {
        throw new KopruError('invalid_request', `credentials for ${provider.name} are incomplete or malformed`, {
          errors: parsed.error.issues.map((issue) => ({
            path: ['credentials', ...issue.path.map(String)].join('.'),
            message: issue.message,
          })),
        })
      }
      assertHeaderSafeCredentials(provider, parsed.data)
      // A carrier's rate sheet is checked when stored, not when the first rate request trips over it.
      if (provider.kind === 'carrier' && input.settings?.rate_sheet !== undefined) parseRateSheet(input.settings.rate_sheet)
      const now = new Date()
      const candidate: ResolvedConnection = {
        info: { id: newId('conn'), tenantId: input.tenantId, provider: provider.id, environment, settings: input.settings ?? {}, metadata: {} },
        status: 'active',
        provider,
        credentials: parsed.data,
        createdAt: now,
        updatedAt: now,
      }
      const metadata = await verify(provider, candidate, scope)
      candidate.info.metadata = metadata
      const sealed = await keyring.encrypt(JSON.stringify(parsed.data))
      await storeWithWebhook(candidate, scope, sealed, async (tx) => {
        await recordEvent(tx, {
          type: 'connection.created',
          tenantId: input.tenantId,
          connectionId: candidate.info.id,
          provider: provider.id,
          objectType: 'connection',
          objectId: candidate.info.id,
          data: connectionView(candidate),
          occurredAt: now,
        })
      })
      deps.log.info('connection created', { tenant_id: input.tenantId, connection_id: candidate.info.id, provider: provider.id })
      return candidate
    },

    /**
     * PATCH: new credentials are verified with the provider before they replace the old ones (a refusal leaves
     * the connection as it was); settings are merged. One event, `connection.updated`, in the same transaction.
     */
    async update(tenantId: string, id: string, patch: ConnectionPatch, scope: RequestScope): Promise<ResolvedConnection> {
      const current = await this.get(tenantId, id)
      const { provider } = current
      const credentials = patch.credentials !== undefined ? mergedCredentials(provider, current.credentials, patch.credentials) : undefined
      const settings = mergedSettings(provider, current.info.settings, patch.settings ?? {})
      let metadata = current.info.metadata
      if (credentials !== undefined) {
        const candidate: ResolvedConnection = { ...current, credentials, info: { ...current.info, settings } }
        metadata = { ...metadata, ...(await verify(provider, candidate, scope)) }
      }
      await storeConnectionChange({ db: deps.db, keyring }, current, { credentials, settings, metadata }, connectionView)
      cache.delete(cacheKey(tenantId, id))
      deps.log.info('connection updated', { tenant_id: tenantId, connection_id: id, provider: provider.id, credentials: credentials !== undefined })
      return this.get(tenantId, id)
    },

    /** Tenant-scoped: another tenant's connection is `not_found`, never `forbidden`. */
    async get(tenantId: string, id: string): Promise<ResolvedConnection> {
      const key = cacheKey(tenantId, id)
      const cached = cache.get(key)
      if (cached) return cached
      const row = /^conn_[A-Za-z0-9]{1,40}$/.test(id) ? await repository.get(tenantId, id) : undefined
      if (!row) throw new KopruError('not_found', `connection '${id}' does not exist`)
      const resolved = await resolve(row)
      cache.set(key, resolved)
      return resolved
    },

    async list(tenantId: string, limit: number, after?: { createdAt: Date; id: string }) {
      return repository.list(tenantId, limit, after)
    },

    async delete(tenantId: string, id: string): Promise<void> {
      await unregisterWebhook(tenantId, id)
      const row = /^conn_[A-Za-z0-9]{1,40}$/.test(id) ? await repository.delete(tenantId, id) : undefined
      cache.delete(cacheKey(tenantId, id))
      if (!row) throw new KopruError('not_found', `connection '${id}' does not exist`)
      deps.onForget?.(id)
      deps.log.info('connection deleted', { tenant_id: tenantId, connection_id: id, provider: row.provider })
    },

    /**
     * OAuth: stores a freshly authorized token set. Re-authorizes the given connection, or the tenant's existing
     * connection to the same provider account, so a reconnect never leaves a duplicate behind.
     */
    async authorize(input: AuthorizeConnectionInput, scope: RequestScope): Promise<{ connection: ResolvedConnection; created: boolean }> {
      const provider = registry.get(input.provider)
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
      const metadata = { ...input.metadata, ...((await verify(provider, candidate, scope)) ?? {}) }
      candidate.info.metadata = metadata
      const accountKey = provider.auth.oauth?.accountKey
      const account = accountKey && typeof metadata[accountKey] === 'string' ? (metadata[accountKey] as string) : undefined
      const existing = input.connectionId
        ? await repository.get(input.tenantId, input.connectionId)
        : account
          ? await repository.findByAccount(input.tenantId, provider.id, accountKey!, account)
          : undefined
      if (input.connectionId && (!existing || existing.provider !== provider.id)) {
        throw new KopruError('not_found', `connection '${input.connectionId}' does not exist`)
      }
      const previousAccount = existing && accountKey ? existing.metadata[accountKey] : undefined
      if (previousAccount !== undefined && account !== undefined && previousAccount !== account) {
        throw new KopruError('conflict', `this ${provider.name} connection belongs to another account; connect the new account as a new connection`)
      }
      const envelope = await keyring.encrypt(JSON.stringify(parsed.data))
      const db = deps.db
      if (!db) throw new Error('connection service needs a database for OAuth connections')
      const record = deps.recordEvent ?? recordConnectionEvent
      if (existing) {
        await db.transaction(async (tx) => {
          await tx
            .update(connectionsTable)
            .set({ credentials: envelope, status: 'active', metadata: { ...existing.metadata, ...metadata }, updatedAt: now })
            .where(eq(connectionsTable.id, existing.id))
          // Re-consent on a connection that was working is an update, not a recovery.
          const type = existing.status === 'needs_reauth' ? 'connection.reauthorized' : 'connection.updated'
          await record(tx, { type, tenantId: input.tenantId, connectionId: existing.id, data: { provider: provider.id } })
        })
        cache.delete(cacheKey(input.tenantId, existing.id))
        deps.log.info('connection re-authorized', { tenant_id: input.tenantId, connection_id: existing.id, provider: provider.id })
        return { connection: await this.get(input.tenantId, existing.id), created: false }
      }
      await storeWithWebhook(candidate, scope, envelope, (tx) =>
        record(tx as unknown as Database, { type: 'connection.created', tenantId: input.tenantId, connectionId: candidate.info.id, data: { provider: provider.id } }),
      )
      deps.log.info('connection created', { tenant_id: input.tenantId, connection_id: candidate.info.id, provider: provider.id })
      return { connection: candidate, created: true }
    },

    /** This instance's cached copy, if any (no database read): for scrubbing its secrets from what a request writes. */
    peek: (tenantId: string, id: string): ResolvedConnection | undefined => cache.peek(cacheKey(tenantId, id)),

    /** Keeps this instance's cached copy in step after a token refresh or a status change. */
    remember(connection: ResolvedConnection) {
      const key = cacheKey(connection.info.tenantId, connection.info.id)
      const cached = cache.get(key)
      if (cached && cached !== connection) {
        cached.credentials = connection.credentials
        cached.status = connection.status
      }
    },

    /**
     * Moves an active connection to `needs_reauth` and records `connection.needs_reauth` in the same transaction
     * (polling pauses for it). Returns false when it was not active. `reason` goes into the event's data.
     */
    async markNeedsReauth(tenantId: string, id: string, reason: string, extra: Record<string, unknown> = {}): Promise<boolean> {
      const changed = await deps.db.transaction(async (tx) => {
        const now = new Date()
        const [row] = await tx
          .update(connectionsTable)
          .set({ status: 'needs_reauth', updatedAt: now })
          .where(and(eq(connectionsTable.id, id), eq(connectionsTable.tenantId, tenantId), eq(connectionsTable.status, 'active')))
          .returning()
        if (!row) return false
        await recordEvent(tx, {
          type: 'connection.needs_reauth',
          tenantId,
          connectionId: id,
          provider: row.provider,
          objectType: 'connection',
          objectId: id,
          data: {
            ...connectionView({
              info: { id: row.id, tenantId, provider: row.provider, environment: row.environment as Environment, settings: row.settings, metadata: row.metadata },
              status: row.status,
              provider: registry.get(row.provider),
              createdAt: row.createdAt,
              updatedAt: row.updatedAt,
            }),
            reason,
            ...extra,
          },
          occurredAt: now,
        })
        return true
      })
      cache.delete(cacheKey(tenantId, id))
      if (changed) deps.log.warn('connection needs re-authorization', { tenant_id: tenantId, connection_id: id, reason })
      return changed
    },
  }

  /**
   * Stores a new connection (its credentials already sealed) with, when kopru could register a provider webhook
   * for it, the subscription — in one transaction with whatever `inside` records (the `connection.created`
   * event). If that transaction fails, the registration at the provider is removed again.
   */
  async function storeWithWebhook(
    candidate: ResolvedConnection,
    scope: RequestScope,
    sealedCredentials: string,
    inside: (tx: Database) => Promise<unknown>,
  ): Promise<void> {
    const subscription = await registerWebhook(candidate, scope)
    const sealedSecret = subscription ? await keyring.encrypt(subscription.secret) : null
    const { info } = candidate
    await deps.db
      .transaction(async (tx) => {
        await connectionRepository(tx as unknown as Database).create({
          id: info.id,
          tenantId: info.tenantId,
          provider: info.provider,
          environment: info.environment,
          status: 'active',
          credentials: sealedCredentials,
          settings: info.settings,
          metadata: info.metadata,
          createdAt: candidate.createdAt,
          updatedAt: candidate.updatedAt,
        })
        if (subscription && sealedSecret) {
          await tx.insert(webhookSubscriptions).values({
            connectionId: info.id,
            provider: info.provider,
            remoteId: subscription.id,
            secret: sealedSecret,
            createdAt: candidate.createdAt,
          })
        }
        await inside(tx as unknown as Database)
      })
      .catch(async (error) => {
        if (subscription?.id) await unregisterRemote(candidate, subscription.id)
        throw error
      })
  }

  /**
   * Registers kopru's inbound URL at the provider with a fresh shared secret. A failure does not fail the
   * connection: polling still covers it; the failure is logged.
   */
  async function registerWebhook(candidate: ResolvedConnection, scope: RequestScope) {
    const webhooks = candidate.provider.webhooks
    const publicUrl = typeof deps.publicUrl === 'function' ? deps.publicUrl() : deps.publicUrl
    if (!webhooks?.register || !publicUrl) return null
    const secret = randomToken(40)
    const url = inboundWebhookUrl(publicUrl, candidate.provider, candidate.info.id)
    try {
      const { id } = await webhooks.register(deps.contextFor(candidate, scope, 'webhooks.register'), { url, secret })
      deps.log.info('provider webhook registered', { connection_id: candidate.info.id, provider: candidate.provider.id, url })
      return { id, secret }
    } catch (error) {
      deps.log.warn('provider webhook registration failed; polling covers this connection', {
        connection_id: candidate.info.id,
        provider: candidate.provider.id,
        error: (error as Error).message,
      })
      return null
    }
  }

  async function unregisterWebhook(tenantId: string, id: string) {
    const row = /^conn_[A-Za-z0-9]{1,40}$/.test(id) ? await repository.get(tenantId, id) : undefined
    if (!row) return
    const [subscription] = await deps.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.connectionId, id))
    const provider = registry.find(row.provider)
    if (!subscription?.remoteId || !provider?.webhooks?.unregister) return
    await unregisterRemote(await resolve(row), subscription.remoteId)
  }

  async function unregisterRemote(connection: ResolvedConnection, remoteId: string) {
    const unregister = connection.provider.webhooks?.unregister
    if (!unregister) return
    try {
      await unregister(deps.contextFor(connection, backgroundScope(`req_unregister_${connection.info.id}`), 'webhooks.unregister'), { id: remoteId })
    } catch (error) {
      deps.log.warn('provider webhook removal failed', { connection_id: connection.info.id, provider: connection.provider.id, error: (error as Error).message })
    }
  }

  async function verify(provider: ProviderDefinition, candidate: ResolvedConnection, scope: RequestScope) {
    const ctx = deps.contextFor(candidate, scope, 'credentials.verify')
    try {
      return (await provider.verifyCredentials(ctx)) ?? {}
    } catch (error) {
      const rejected =
        error instanceof KopruError &&
        (error.reason === 'credentials_rejected' || (error.provider && (error.provider.status === 401 || error.provider.status === 403)))
      if (rejected) {
        throw new KopruError('invalid_request', `${provider.name} rejected these credentials`, {
          provider: error.provider,
          errors: [{ path: 'credentials', message: error.provider?.message ?? 'rejected by the provider' }],
        })
      }
      throw error
    }
  }
}

export type ConnectionService = ReturnType<typeof createConnectionService>

export const connectionView = (c: {
  info: ConnectionInfo
  status: ConnectionRow['status']
  provider: ProviderDefinition
  createdAt: Date
  updatedAt: Date
}) => ({
  id: c.info.id,
  provider: c.provider.id,
  environment: c.info.environment,
  status: c.status,
  settings: c.info.settings,
  metadata: c.info.metadata,
  created_at: c.createdAt.toISOString(),
  updated_at: c.updatedAt.toISOString(),
})

export const ConnectionSettings = z.record(z.string(), z.unknown())
