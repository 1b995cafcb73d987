import { and, desc, eq, lt, or, sql } from 'drizzle-orm'
import { connections } from './schema.js'
import type { Database } from './types.js'

export type ConnectionRow = typeof connections.$inferSelect

export const connectionRepository = (db: Database) => ({
  async create(row: typeof connections.$inferInsert): Promise<ConnectionRow> {
    const [created] = await db.insert(connections).values(row).returning()
    return created!
  },
  async get(tenantId: string, id: string): Promise<ConnectionRow | undefined> {
    const [row] = await db
      .select()
      .from(connections)
      .where(and(eq(connections.id, id), eq(connections.tenantId, tenantId)))
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
      ? or(
          lt(connections.createdAt, after.createdAt),
          and(eq(connections.createdAt, after.createdAt), lt(connections.id, after.id)),
        )
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
  async delete(tenantId: string, id: string): Promise<ConnectionRow | undefined> {
    const [row] = await db
      .delete(connections)
      .where(and(eq(connections.id, id), eq(connections.tenantId, tenantId)))
      .returning()
    return row
  },
})

export type ConnectionRepository = ReturnType<typeof connectionRepository>
