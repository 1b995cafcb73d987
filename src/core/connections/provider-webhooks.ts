/**
 * Provider webhook subscriptions of connections: kopru registers its inbound URL at providers that support it
 * when a connection is stored, and removes it when the connection is deleted.
 */
import { backgroundScope, type RequestScope } from '../request-scope.js'
import { eq } from 'drizzle-orm'
import { connectionRepository } from '../../db/connections.js'
import { webhookSubscriptions } from '../../db/schema.js'
import type { Database } from '../../db/types.js'
import type { Keyring } from '../crypto.js'
import { inboundWebhookUrl } from '../events/inbound.js'
import { randomToken } from '../ids.js'
import type { Logger } from '../logger.js'
import type { ContextFor } from './service.js'
import type { ResolvedConnection } from './types.js'

export interface ProviderWebhookDeps {
  db: Database
  keyring: Keyring
  log: Logger
  contextFor: ContextFor
  /** External base URL; when set, providers with `webhooks.register` get kopru's inbound URL registered. */
  publicUrl?: string | (() => string | undefined)
}

export function createProviderWebhooks(deps: ProviderWebhookDeps) {
  const { db, keyring, log } = deps

  /** A failure does not fail the connection: polling still covers it; the failure is logged. */
  async function register(candidate: ResolvedConnection, scope: RequestScope) {
    const webhooks = candidate.provider.webhooks
    const publicUrl = typeof deps.publicUrl === 'function' ? deps.publicUrl() : deps.publicUrl
    if (!webhooks?.register || !publicUrl) return null
    const secret = randomToken(40)
    const url = inboundWebhookUrl(publicUrl, candidate.provider, candidate.info.id)
    const where = { connection_id: candidate.info.id, provider: candidate.provider.id }
    try {
      const { id } = await webhooks.register(deps.contextFor(candidate, scope, 'webhooks.register'), { url, secret })
      log.info('provider webhook registered', { ...where, url })
      return { id, secret }
    } catch (error) {
      log.warn('provider webhook registration failed; polling covers this connection', { ...where, error: (error as Error).message })
      return null
    }
  }

  async function unregisterRemote(connection: ResolvedConnection, remoteId: string) {
    const unregister = connection.provider.webhooks?.unregister
    if (!unregister) return
    try {
      await unregister(deps.contextFor(connection, backgroundScope(`req_unregister_${connection.info.id}`), 'webhooks.unregister'), { id: remoteId })
    } catch (error) {
      log.warn('provider webhook removal failed', { connection_id: connection.info.id, provider: connection.provider.id, error: (error as Error).message })
    }
  }

  /**
   * Stores a new connection (credentials already sealed) with its webhook subscription, when one could be
   * registered, in one transaction with whatever `inside` records. If that transaction fails, the registration
   * at the provider is removed again.
   */
  async function store(candidate: ResolvedConnection, scope: RequestScope, sealed: string, inside: (tx: Database) => Promise<unknown>) {
    const subscription = await register(candidate, scope)
    const sealedSecret = subscription ? await keyring.encrypt(subscription.secret) : null
    const { info } = candidate
    await db
      .transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        await connectionRepository(tx).create({ ...info, status: 'active', credentials: sealed, createdAt: candidate.createdAt, updatedAt: candidate.updatedAt })
        if (subscription && sealedSecret) {
          await tx.insert(webhookSubscriptions).values({ connectionId: info.id, provider: info.provider, remoteId: subscription.id, secret: sealedSecret, createdAt: candidate.createdAt })
        }
        await inside(tx)
      })
      .catch(async (error) => {
        if (subscription?.id) await unregisterRemote(candidate, subscription.id)
        throw error
      })
  }

  /** Before a delete: removes the provider's subscription of a resolved connection, if it has one. */
  async function remove(connection: ResolvedConnection) {
    if (!connection.provider.webhooks?.unregister) return
    const [subscription] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.connectionId, connection.info.id))
    if (subscription?.remoteId) await unregisterRemote(connection, subscription.remoteId)
  }

  return { store, remove }
}

export type ProviderWebhookSubscriptions = ReturnType<typeof createProviderWebhooks>
