/**
 * Inbound provider webhooks (`POST /webhooks/{provider}/{connection_id}`): the provider's own verification
 * (signature, or the credential kopru registered), replay protection, then change detection into unified
 * events — all in one transaction, so an acknowledged delivery is never lost and a refused one leaves nothing.
 */
import { eq, lt, sql } from 'drizzle-orm'
import type { Keyring } from '../crypto.js'
import { KopruError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { Environment, ProviderDefinition } from '../provider-kit/types.js'
import type { Registry } from '../registry.js'
import { connectionRepository } from '../../db/connections.js'
import { inboundDeliveries, webhookSubscriptions } from '../../db/schema.js'
import type { Database } from '../../db/types.js'
import { observe } from './observe.js'
import { rowsOf } from './outbox.js'
import { wallClock, type Clock } from './types.js'

export type AppSecretResolver = (providerId: string) => string | null | Promise<string | null>

export interface InboundOptions {
  db: Database
  registry: Registry
  keyring: Keyring
  log: Logger
  appSecretFor: AppSecretResolver
  clock?: Clock
  /** Deliveries older than this (by the provider's own timestamp) are refused; accepted ids are kept this long. */
  replayWindowMs?: number
}

/** The provider a `/webhooks/{segment}/…` URL names: its id, or the segment its webhooks declare. */
export function providerForSegment(registry: Registry, segment: string): ProviderDefinition | undefined {
  return registry.list().find((provider) => provider.webhooks && (provider.id === segment || provider.webhooks.urlSegment === segment))
}

/** The URL kopru registers at the provider for a connection. */
export const inboundWebhookUrl = (publicUrl: string, provider: ProviderDefinition, connectionId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/webhooks/${provider.webhooks?.urlSegment ?? provider.id}/${connectionId}`

const refused = () => new KopruError('unauthorized', 'the webhook delivery could not be verified')

export function createInboundHandler(options: InboundOptions) {
  const { db, registry, keyring, log, appSecretFor, clock = wallClock, replayWindowMs = 72 * 3600_000 } = options
  const connections = connectionRepository(db)
  let lastPrune = 0

  async function prune(now: number) {
    if (now - lastPrune < 60_000) return
    lastPrune = now
    await db.delete(inboundDeliveries).where(lt(inboundDeliveries.receivedAt, new Date(now - replayWindowMs)))
  }

  return async function handleInbound(input: { segment: string; connectionId: string; headers: Headers; body: Uint8Array }) {
    const provider = providerForSegment(registry, input.segment)
    if (!provider?.webhooks) throw new KopruError('not_found', `no inbound webhooks for '${input.segment}'`)
    const row = /^conn_[A-Za-z0-9]{1,40}$/.test(input.connectionId) ? await connections.findById(input.connectionId) : undefined
    if (!row || row.provider !== provider.id) throw new KopruError('not_found', `connection '${input.connectionId}' does not exist`)
    const [subscription] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.connectionId, row.id))
    const connection = {
      id: row.id,
      tenantId: row.tenantId,
      provider: row.provider,
      environment: row.environment as Environment,
      settings: row.settings,
      metadata: row.metadata,
    }
    const wlog = log.child({ provider: provider.id, connection_id: row.id })
    const verdict = await provider.webhooks.verify({
      headers: input.headers,
      body: input.body,
      connection,
      credentials: JSON.parse(await keyring.decrypt(row.credentials)),
      registeredSecret: subscription ? await keyring.decrypt(subscription.secret) : null,
      appSecret: (await appSecretFor(provider.id)) ?? null,
    })
    const now = clock.now()
    if (!verdict.ok) {
      wlog.warn('inbound webhook refused', { reason: verdict.reason })
      throw refused()
    }
    if (verdict.sentAt && now - verdict.sentAt.getTime() > replayWindowMs) {
      wlog.warn('inbound webhook refused', { reason: 'older than the replay window', sent_at: verdict.sentAt.toISOString() })
      throw refused()
    }
    let payload: unknown
    try {
      payload = JSON.parse(new TextDecoder().decode(input.body))
    } catch {
      throw new KopruError('invalid_request', 'the webhook body is not JSON')
    }
    const observed = provider.webhooks.toEvents({ payload, headers: input.headers, connection, log: wlog })
    const events = await db.transaction(async (tx) => {
      const fresh = rowsOf(
        await tx.execute(sql`
          insert into inbound_deliveries (connection_id, delivery_key, received_at)
          values (${row.id}, ${verdict.deliveryId}, ${new Date(now).toISOString()}::timestamptz)
          on conflict do nothing returning delivery_key`),
      )
      if (fresh.length === 0) {
        wlog.warn('inbound webhook refused', { reason: 'replayed delivery', delivery: verdict.deliveryId })
        throw refused()
      }
      let recorded = 0
      for (const object of observed) {
        const event = await observe(tx, {
          connection: { id: row.id, tenantId: row.tenantId, provider: provider.id },
          object,
          now: new Date(now),
          preexisting: { before: row.createdAt, announce: 'updated' },
        })
        if (event) recorded++
      }
      return recorded
    })
    wlog.info('inbound webhook accepted', { objects: observed.length, events })
    await prune(now).catch((error) => wlog.warn('pruning inbound deliveries failed', { error: (error as Error).message }))
    return { objects: observed.length, events }
  }
}

export type InboundHandler = ReturnType<typeof createInboundHandler>
