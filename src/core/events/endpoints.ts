/** The tenant's outbound webhook endpoint: one URL and its `whsec_` secret (sealed at rest). */
import { eq, sql } from 'drizzle-orm'
import type { Keyring } from '../crypto.js'
import { KopruError } from '../errors.js'
import { isPrivateHost } from '../private-address.js'
import { webhookEndpoints } from '../../db/schema.js'
import type { Database } from '../../db/types.js'
import { settlePendingOfDeletedEndpoint } from './outbox.js'
import { generateWebhookSecret } from './signing.js'
import { wallClock, type Clock } from './types.js'

/**
 * A tenant's endpoint URL: absolute http(s), no credentials, and — unless the operator allows it (development,
 * tests) — not an address on this machine or a private network, so kopru cannot be turned against them.
 */
export function validateEndpointUrl(value: string, { allowPrivate = false }: { allowPrivate?: boolean } = {}): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new KopruError('invalid_request', 'url must be an absolute http(s) URL', { errors: [{ path: 'url', message: 'not a URL' }] })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KopruError('invalid_request', 'url must use https (or http)', { errors: [{ path: 'url', message: 'unsupported scheme' }] })
  }
  if (url.username || url.password) {
    throw new KopruError('invalid_request', 'url must not carry credentials', { errors: [{ path: 'url', message: 'remove user:password@' }] })
  }
  if (!allowPrivate && isPrivateHost(url.hostname)) {
    throw new KopruError('invalid_request', 'url must be publicly reachable: loopback, private and link-local addresses are refused', {
      errors: [{ path: 'url', message: 'private address' }],
    })
  }
  return url.toString()
}

export function endpointRepository(db: Database, keyring: Keyring, clock: Clock = wallClock) {
  return {
    /** Creates or updates the endpoint; the secret is kept unless `rotate`, and returned either way. */
    async put(tenantId: string, url: string, { rotate = false }: { rotate?: boolean } = {}) {
      const [existing] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId))
      const secret = existing && !rotate ? await keyring.decrypt(existing.secret) : generateWebhookSecret()
      const sealed = await keyring.encrypt(secret)
      const now = new Date()
      const [row] = await db
        .insert(webhookEndpoints)
        .values({ tenantId, url, secret: sealed, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: webhookEndpoints.tenantId, set: { url, secret: sealed, updatedAt: now } })
        .returning()
      return { url: row!.url, secret, created_at: row!.createdAt.toISOString(), updated_at: row!.updatedAt.toISOString() }
    },
    async get(tenantId: string) {
      const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId))
      return row ? { url: row.url, secret: await keyring.decrypt(row.secret), created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() } : null
    },
    /** Removes the endpoint and, in the same transaction, settles the events still waiting for it. */
    async delete(tenantId: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const rows = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId)).returning()
        if (rows.length === 0) return false
        await settlePendingOfDeletedEndpoint(tx, tenantId, new Date(clock.now()))
        return true
      })
    },
    /** Secrets of several tenants at once, for a delivery batch. */
    async secretsFor(tenantIds: string[]) {
      if (tenantIds.length === 0) return new Map<string, { url: string; secret: string }>()
      const rows = await db
        .select()
        .from(webhookEndpoints)
        .where(sql`${webhookEndpoints.tenantId} in (${sql.join(tenantIds.map((id) => sql`${id}`), sql`, `)})`)
      const out = new Map<string, { url: string; secret: string }>()
      for (const row of rows) out.set(row.tenantId, { url: row.url, secret: await keyring.decrypt(row.secret) })
      return out
    },
  }
}

export type EndpointRepository = ReturnType<typeof endpointRepository>
