import { and, eq, lt } from 'drizzle-orm'
import { idempotencyKeys } from './schema.js'
import type { Database } from './types.js'

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect

const byKey = (tenantId: string, key: string) => and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key))

export const idempotencyRepository = (db: Database) => ({
  /** Insert-first claim: true only for the one caller whose row landed (the primary key refuses the rest). */
  async insert(row: typeof idempotencyKeys.$inferInsert): Promise<boolean> {
    const inserted = await db.insert(idempotencyKeys).values(row).onConflictDoNothing().returning({ key: idempotencyKeys.key })
    return inserted.length === 1
  },
  async get(tenantId: string, key: string): Promise<IdempotencyRow | undefined> {
    const [row] = await db.select().from(idempotencyKeys).where(byKey(tenantId, key))
    return row
  },
  /** Removes the key's row if it has expired, so the key can be claimed afresh. */
  async deleteExpired(tenantId: string, key: string, now: Date): Promise<void> {
    await db.delete(idempotencyKeys).where(and(byKey(tenantId, key), lt(idempotencyKeys.expiresAt, now)))
  },
  /** Compare-and-set on `locked_until`: takes over an abandoned in-flight claim; true for exactly one caller. */
  async takeOver(tenantId: string, key: string, seenLockedUntil: Date, lockedUntil: Date): Promise<boolean> {
    const updated = await db
      .update(idempotencyKeys)
      .set({ lockedUntil })
      .where(and(byKey(tenantId, key), eq(idempotencyKeys.state, 'in_flight'), eq(idempotencyKeys.lockedUntil, seenLockedUntil)))
      .returning({ key: idempotencyKeys.key })
    return updated.length === 1
  },
  async complete(tenantId: string, key: string, status: number, body: unknown): Promise<void> {
    await db
      .update(idempotencyKeys)
      .set({ state: 'completed', responseStatus: status, responseBody: body })
      .where(byKey(tenantId, key))
  },
  async release(tenantId: string, key: string): Promise<void> {
    await db.delete(idempotencyKeys).where(and(byKey(tenantId, key), eq(idempotencyKeys.state, 'in_flight')))
  },
  async purgeExpired(now: Date): Promise<void> {
    await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now))
  },
})

export type IdempotencyRepository = ReturnType<typeof idempotencyRepository>
