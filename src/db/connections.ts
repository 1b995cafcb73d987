/**
 * The connections table has one owner: this repository. Every write (create, status, credentials, delete) goes
 * through it, inside the caller's transaction when it passes one; test/architecture checks nothing else writes it.
 */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm'
import type { ConnectionInfo, Environment } from '../core/provider-kit/types.js'
import { connections, type ConnectionStatus } from './schema.js'
import type { Database } from './types.js'

export type ConnectionRow = typeof connections.$inferSelect

/** A stored row as adapters and events see it: no credentials, no timestamps. */
export const toConnectionInfo = (row: ConnectionRow): ConnectionInfo => ({
  id: row.id,
  tenantId: row.tenantId,
  provider: row.provider,
  environment: row.environment as Environment,
  settings: row.settings,
  metadata: row.metadata,
})

const byId = (id: string, tenantId?: string) => (tenantId ? and(eq(connections.id, id), eq(connections.tenantId, tenantId)) : eq(connections.id, id))

export const connectionRepository = (db: Database) => ({
  toInfo: toConnectionInfo,
  async create(row: typeof connections.$inferInsert): Promise<ConnectionRow> {
    const [created] = await db.insert(connections).values(row).returning()
    return created!
  },
  async get(tenantId: string, id: string): Promise<ConnectionRow | undefined> {
    const [row] = await db.select().from(connections).where(byId(id, tenantId))
    return row
  },
  /** By id alone, for inbound provider webhooks (the URL names the connection, not the tenant). */
  async findById(id: string): Promise<ConnectionRow | undefined> {
    const [row] = await db.select().from(connections).where(eq(connections.id, id))
    return row
  },
  /** Newest first; keyset-paged on (created_at, id). */
  async list(tenantId: string, limit: number, after?: { createdAt: Date; id: string }): Promise<ConnectionRow[]> {
    const keyset = after
      ? or(lt(connections.createdAt, after.createdAt), and(eq(connections.createdAt, after.createdAt), lt(connections.id, after.id)))
      : undefined
    return db
      .select()
      .from(connections)
      .where(and(eq(connections.tenantId, tenantId), keyset))
      .orderBy(desc(connections.createdAt), desc(connections.id))
      .limit(limit)
  },
  /** The tenant's connection to one provider account (e.g. the same Shopify shop), if any. */
  async findByAccount(tenantId: string, provider: string, key: string, value: string): Promise<ConnectionRow | undefined> {
    const [row] = await db
      .select()
      .from(connections)
      .where(and(eq(connections.tenantId, tenantId), eq(connections.provider, provider), sql`${connections.metadata} ->> ${key} = ${value}`))
      .limit(1)
    return row
  },
  /** Moves a connection to `status` (only from `from`, when given); the changed row, or undefined when none matched. */
  async setStatus(
    id: string,
    status: ConnectionStatus,
    { tenantId, from, at = new Date() }: { tenantId?: string; from?: ConnectionStatus; at?: Date } = {},
  ): Promise<ConnectionRow | undefined> {
    const [row] = await db
      .update(connections)
      .set({ status, updatedAt: at })
      .where(and(byId(id, tenantId), from ? eq(connections.status, from) : undefined))
      .returning()
    return row
  },
  /** Replaces the sealed credentials (a refresh, a re-authorization), optionally with a new status and metadata. */
  async updateCredentials(
    id: string,
    sealed: string,
    { status, metadata, at = new Date() }: { status?: ConnectionStatus; metadata?: Record<string, unknown>; at?: Date } = {},
  ): Promise<ConnectionRow | undefined> {
    const [row] = await db
      .update(connections)
      .set({ credentials: sealed, updatedAt: at, ...(status ? { status } : {}), ...(metadata ? { metadata } : {}) })
      .where(eq(connections.id, id))
      .returning()
    return row
  },
  /** A verified change (PATCH): settings and metadata, and sealed credentials when they changed. */
  async update(
    tenantId: string,
    id: string,
    change: { sealed?: string; settings: Record<string, unknown>; metadata: Record<string, unknown>; status: ConnectionStatus; at?: Date },
  ): Promise<ConnectionRow | undefined> {
    const [row] = await db
      .update(connections)
      .set({ ...(change.sealed ? { credentials: change.sealed } : {}), settings: change.settings, metadata: change.metadata, status: change.status, updatedAt: change.at ?? new Date() })
      .where(byId(id, tenantId))
      .returning()
    return row
  },
  async delete(tenantId: string, id: string): Promise<ConnectionRow | undefined> {
    const [row] = await db.delete(connections).where(byId(id, tenantId)).returning()
    return row
  },
})

export type ConnectionRepository = ReturnType<typeof connectionRepository>
