import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm'
import { recordEvent } from '../core/events/outbox.js'
import { invoices } from './schema.js'
import type { Database } from './types.js'

export type InvoiceRow = typeof invoices.$inferSelect

export const invoiceRepository = (db: Database) => ({
  /** Stores a submitted invoice; a row already stored for (connection, reference) wins and is returned. */
  async insert(row: typeof invoices.$inferInsert): Promise<InvoiceRow> {
    const [created] = await db.insert(invoices).values(row).onConflictDoNothing().returning()
    if (created) return created
    const existing = await this.byReference(row.tenantId, row.connectionId, row.reference)
    if (!existing) throw new Error(`invoice insert for reference ${row.reference} conflicted but nothing is stored`)
    return existing
  },
  async get(tenantId: string, id: string): Promise<InvoiceRow | undefined> {
    const [row] = await db.select().from(invoices).where(and(eq(invoices.id, id), eq(invoices.tenantId, tenantId)))
    return row
  },
  async byReference(tenantId: string, connectionId: string, reference: string): Promise<InvoiceRow | undefined> {
    const [row] = await db
      .select()
      .from(invoices)
      .where(and(eq(invoices.tenantId, tenantId), eq(invoices.connectionId, connectionId), eq(invoices.reference, reference)))
    return row
  },
  /** Newest first, keyset-paged on (created_at, id). */
  async list(tenantId: string, connectionId: string | undefined, limit: number, after?: { createdAt: Date; id: string }): Promise<InvoiceRow[]> {
    const scope = connectionId ? and(eq(invoices.tenantId, tenantId), eq(invoices.connectionId, connectionId)) : eq(invoices.tenantId, tenantId)
    const page = after ? or(lt(invoices.createdAt, after.createdAt), and(eq(invoices.createdAt, after.createdAt), lt(invoices.id, after.id))) : undefined
    return db
      .select()
      .from(invoices)
      .where(page ? and(scope, page) : scope)
      .orderBy(desc(invoices.createdAt), desc(invoices.id))
      .limit(limit)
  },
  /** Invoices of a connection still on their way at the provider, least recently checked first. */
  async issuing(connectionId: string, limit: number): Promise<InvoiceRow[]> {
    return db
      .select()
      .from(invoices)
      .where(and(eq(invoices.connectionId, connectionId), inArray(invoices.status, ['draft', 'issuing'])))
      .orderBy(asc(invoices.updatedAt))
      .limit(limit)
  },
  /**
   * Stores what the provider now says. A status change records `invoice.status_changed` (with `unified`, the
   * invoice as the API shows it) in the same transaction: this is the one place that event type is written.
   */
  async update(
    tenantId: string,
    id: string,
    patch: Partial<Pick<InvoiceRow, 'status' | 'number' | 'providerState' | 'data'>>,
    unified: Record<string, unknown>,
  ): Promise<void> {
    await db.transaction(async (tx) => {
      const [before] = await tx
        .select({ status: invoices.status, connectionId: invoices.connectionId, provider: invoices.provider })
        .from(invoices)
        .where(and(eq(invoices.id, id), eq(invoices.tenantId, tenantId)))
        .for('update')
      await tx
        .update(invoices)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(invoices.id, id), eq(invoices.tenantId, tenantId)))
      if (before && patch.status && patch.status !== before.status) {
        await recordEvent(tx, {
          type: 'invoice.status_changed',
          tenantId,
          connectionId: before.connectionId,
          provider: before.provider,
          objectType: 'invoice',
          objectId: id,
          data: unified,
          previous: { status: before.status },
        })
      }
    })
  },
})

export type InvoiceRepository = ReturnType<typeof invoiceRepository>
