import { asc, eq, sql } from 'drizzle-orm'
import { apiKeys, tenants } from './schema.js'
import type { Database } from './types.js'

export type TenantRow = typeof tenants.$inferSelect
export type ApiKeyRow = typeof apiKeys.$inferSelect

/** NOTIFY channel of API-key revocations; the payload is the key id. */
export const API_KEY_REVOKED = 'kopru_api_key_revoked'

export const tenantRepository = (db: Database) => ({
  async create(row: typeof tenants.$inferInsert): Promise<TenantRow> {
    const [created] = await db.insert(tenants).values(row).returning()
    return created!
  },
  async list(): Promise<TenantRow[]> {
    return db.select().from(tenants).orderBy(asc(tenants.createdAt), asc(tenants.id))
  },
  async get(id: string): Promise<TenantRow | undefined> {
    const [row] = await db.select().from(tenants).where(eq(tenants.id, id))
    return row
  },
  async count(): Promise<number> {
    const rows = await db.select({ id: tenants.id }).from(tenants).limit(1)
    return rows.length
  },
  async createApiKey(row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
    const [created] = await db.insert(apiKeys).values(row).returning()
    return created!
  },
  async findApiKeyByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash))
    return row
  },
  /** Deletes the key and, on commit, tells every instance listening on this database to forget it at once. */
  async deleteApiKey(id: string): Promise<ApiKeyRow | undefined> {
    return db.transaction(async (tx) => {
      const [row] = await tx.delete(apiKeys).where(eq(apiKeys.id, id)).returning()
      if (row) await tx.execute(sql`select pg_notify(${API_KEY_REVOKED}, ${id})`)
      return row
    })
  },
})

export type TenantRepository = ReturnType<typeof tenantRepository>
