import { and, eq } from 'drizzle-orm'
import { shipments } from './schema.js'
import type { Database } from './types.js'

export type ShipmentRow = typeof shipments.$inferSelect

export const shipmentRepository = (db: Database) => ({
  /** Stores a created shipment; a row already stored for (connection, reference) wins and is returned. */
  async insert(row: typeof shipments.$inferInsert): Promise<ShipmentRow> {
    const [created] = await db.insert(shipments).values(row).onConflictDoNothing().returning()
    if (created) return created
    const existing = await this.byReference(row.tenantId, row.connectionId, row.reference)
    if (!existing) throw new Error(`shipment insert for reference ${row.reference} conflicted but nothing is stored`)
    return existing
  },
  async get(tenantId: string, id: string): Promise<ShipmentRow | undefined> {
    const [row] = await db.select().from(shipments).where(and(eq(shipments.id, id), eq(shipments.tenantId, tenantId)))
    return row
  },
  async byReference(tenantId: string, connectionId: string, reference: string): Promise<ShipmentRow | undefined> {
    const [row] = await db
      .select()
      .from(shipments)
      .where(and(eq(shipments.tenantId, tenantId), eq(shipments.connectionId, connectionId), eq(shipments.reference, reference)))
    return row
  },
  async update(
    tenantId: string,
    id: string,
    patch: Partial<Pick<ShipmentRow, 'trackingNumber' | 'status' | 'label' | 'data' | 'providerId'>>,
  ): Promise<void> {
    await db
      .update(shipments)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(shipments.id, id), eq(shipments.tenantId, tenantId)))
  },
})

export type ShipmentRepository = ReturnType<typeof shipmentRepository>
