import { and, asc, eq, isNull } from 'drizzle-orm'
import { recordEvent, type Executor } from '../core/events/outbox.js'
import { inventoryJobs } from './schema.js'
import type { Database } from './types.js'

export type InventoryJobRow = typeof inventoryJobs.$inferSelect

/** The job as the API shows it, for the `inventory.job_completed` event. */
export type JobPresenter = (row: InventoryJobRow) => unknown

/** A job that just reached its final state announces it, in the transaction that stored that state. */
async function announceIfFinished(tx: Executor, row: InventoryJobRow | undefined, present: JobPresenter) {
  if (!row?.finishedAt) return
  await recordEvent(tx, {
    type: 'inventory.job_completed',
    tenantId: row.tenantId,
    connectionId: row.connectionId,
    provider: row.provider,
    objectType: 'inventory_job',
    objectId: row.id,
    data: present(row),
  })
}

export const inventoryJobRepository = (db: Database) => ({
  async create(row: typeof inventoryJobs.$inferInsert, present: JobPresenter): Promise<InventoryJobRow> {
    return db.transaction(async (tx) => {
      const [created] = await tx.insert(inventoryJobs).values(row).returning()
      await announceIfFinished(tx, created, present)
      return created!
    })
  },
  /** Jobs still waiting on the provider, least recently changed first (the background settler's work). */
  async unfinished(limit: number): Promise<InventoryJobRow[]> {
    return db.select().from(inventoryJobs).where(isNull(inventoryJobs.finishedAt)).orderBy(asc(inventoryJobs.updatedAt)).limit(limit)
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
    present: JobPresenter,
  ): Promise<InventoryJobRow | undefined> {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(inventoryJobs)
        .set({ ...change, updatedAt: new Date() })
        .where(and(eq(inventoryJobs.id, id), eq(inventoryJobs.tenantId, tenantId), isNull(inventoryJobs.finishedAt)))
        .returning()
      await announceIfFinished(tx, row, present)
      return row
    })
  },
})

export type InventoryJobRepository = ReturnType<typeof inventoryJobRepository>
