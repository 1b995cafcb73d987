import { asc, eq } from 'drizzle-orm'
import { apiKeys, tenants } from './schema.js'
import type { Database } from './types.js'

export type TenantRow = typeof tenants.$inferSelect
export type ApiKeyRow = typeof apiKeys.$inferSelect

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
  async deleteApiKey(id: string): Promise<ApiKeyRow | undefined> {
    const [row] = await db.delete(apiKeys).where(eq(apiKeys.id, id)).returning()
    return row
  },
})

export type TenantRepository = ReturnType<typeof tenantRepository>
