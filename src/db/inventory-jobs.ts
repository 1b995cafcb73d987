import { and, eq, isNull } from 'drizzle-orm'
import { inventoryJobs } from './schema.js'
import type { Database } from './types.js'

export type InventoryJobRow = typeof inventoryJobs.$inferSelect

export const inventoryJobRepository = (db: Database) => ({
  async create(row: typeof inventoryJobs.$inferInsert): Promise<InventoryJobRow> {
    const [created] = await db.insert(inventoryJobs).values(row).returning()
    return created!
  },
  /** Tenant-scoped: a job of another tenant is simply not there. */
  async get(tenantId: string, id: string): Promise<InventoryJobRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryJobs)
      .where(and(eq(inventoryJobs.id, id), eq(inventoryJobs.tenantId, tenantId)))
    return row
  },
  /**
   * Stores progress of a job that is not final yet; a job another poller already finished is left as it
   * is (returns undefined), so a final state is never overwritten.
   */
  async progress(
    tenantId: string,
    id: string,
    change: Pick<InventoryJobRow, 'status' | 'items' | 'finishedAt'>,
  ): Promise<InventoryJobRow | undefined> {
    const [row] = await db
      .update(inventoryJobs)
      .set({ ...change, updatedAt: new Date() })
      .where(and(eq(inventoryJobs.id, id), eq(inventoryJobs.tenantId, tenantId), isNull(inventoryJobs.finishedAt)))
      .returning()
    return row
  },
})

export type InventoryJobRepository = ReturnType<typeof inventoryJobRepository>
