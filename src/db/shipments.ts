import { and, asc, eq, notInArray } from 'drizzle-orm'
import { recordEvent } from '../core/events/outbox.js'
import { shipments } from './schema.js'
import type { Database } from './types.js'

export type ShipmentRow = typeof shipments.$inferSelect

export const shipmentRepository = (db: Database) => ({
  /**
   * Stores a created shipment; a row already stored for (connection, reference) wins and is returned. A row this
   * call stored is announced as `shipment.created` (with `unified`, the shipment as the API shows it) in the same
   * transaction: once per shipment, whichever retry stored it.
   */
  async insert(row: typeof shipments.$inferInsert, unified?: (stored: ShipmentRow) => unknown): Promise<ShipmentRow> {
    const created = await db.transaction(async (tx) => {
      const [inserted] = await tx.insert(shipments).values(row).onConflictDoNothing().returning()
      if (inserted && unified) {
        await recordEvent(tx, {
          type: 'shipment.created',
          tenantId: inserted.tenantId,
          connectionId: inserted.connectionId,
          provider: inserted.provider,
          objectType: 'shipment',
          objectId: inserted.id,
          data: unified(inserted),
        })
      }
      return inserted
    })
    if (created) return created
    const existing = await this.byReference(row.tenantId, row.connectionId, row.reference)
    if (!existing) throw new Error(`shipment insert for reference ${row.reference} conflicted but nothing is stored`)
    return existing
  },
  async get(tenantId: string, id: string): Promise<ShipmentRow | undefined> {
    const [row] = await db.select().from(shipments).where(and(eq(shipments.id, id), eq(shipments.tenantId, tenantId)))
    return row
  },
  async byTrackingNumber(tenantId: string, connectionId: string, trackingNumber: string): Promise<ShipmentRow | undefined> {
    const [row] = await db
      .select()
      .from(shipments)
      .where(and(eq(shipments.tenantId, tenantId), eq(shipments.connectionId, connectionId), eq(shipments.trackingNumber, trackingNumber)))
    return row
  },
  /** Shipments of a connection that can still change (not delivered, returned or cancelled), least recently checked first. */
  async open(connectionId: string, limit: number): Promise<ShipmentRow[]> {
    return db
      .select()
      .from(shipments)
      .where(and(eq(shipments.connectionId, connectionId), notInArray(shipments.status, ['delivered', 'returned', 'cancelled'])))
      .orderBy(asc(shipments.updatedAt))
      .limit(limit)
  },
  async byReference(tenantId: string, connectionId: string, reference: string): Promise<ShipmentRow | undefined> {
    const [row] = await db
      .select()
      .from(shipments)
      .where(and(eq(shipments.tenantId, tenantId), eq(shipments.connectionId, connectionId), eq(shipments.reference, reference)))
    return row
  },
  /**
   * Stores what the carrier now says; a status change records `shipment.status_changed` (with `unified`, the
   * shipment as the API shows it) in the same transaction, so it is announced once and never lost.
   */
  async update(
    tenantId: string,
    id: string,
    patch: Partial<Pick<ShipmentRow, 'trackingNumber' | 'status' | 'label' | 'data' | 'providerId'>>,
    unified?: Record<string, unknown>,
  ): Promise<void> {
    await db.transaction(async (tx) => {
      const [before] = await tx
        .select({ status: shipments.status, connectionId: shipments.connectionId, provider: shipments.provider })
        .from(shipments)
        .where(and(eq(shipments.id, id), eq(shipments.tenantId, tenantId)))
        .for('update')
      await tx
        .update(shipments)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(shipments.id, id), eq(shipments.tenantId, tenantId)))
      if (before && unified && patch.status && patch.status !== before.status) {
        await recordEvent(tx, {
          type: 'shipment.status_changed',
          tenantId,
          connectionId: before.connectionId,
          provider: before.provider,
          objectType: 'shipment',
          objectId: id,
          data: unified,
          previous: { status: before.status },
        })
      }
    })
  },
})

export type ShipmentRepository = ReturnType<typeof shipmentRepository>
