import { and, eq, gt, isNull } from 'drizzle-orm'
import { connectSessions, oauthApps } from './schema.js'
import type { Database } from './types.js'

export type ConnectSessionRow = typeof connectSessions.$inferSelect
export type OAuthAppRow = typeof oauthApps.$inferSelect

export const oauthAppRepository = (db: Database) => ({
  async get(provider: string): Promise<OAuthAppRow | undefined> {
    const [row] = await db.select().from(oauthApps).where(eq(oauthApps.provider, provider))
    return row
  },
  async put(row: typeof oauthApps.$inferInsert): Promise<void> {
    await db
      .insert(oauthApps)
      .values(row)
      .onConflictDoUpdate({
        target: oauthApps.provider,
        set: { clientId: row.clientId, clientSecret: row.clientSecret, scopes: row.scopes, settings: row.settings, updatedAt: new Date() },
      })
  },
})

export const connectSessionRepository = (db: Database) => ({
  async create(row: typeof connectSessions.$inferInsert): Promise<ConnectSessionRow> {
    const [created] = await db.insert(connectSessions).values(row).returning()
    return created!
  },
  async get(id: string): Promise<ConnectSessionRow | undefined> {
    const [row] = await db.select().from(connectSessions).where(eq(connectSessions.id, id))
    return row
  },
  async findByState(stateHash: string): Promise<ConnectSessionRow | undefined> {
    const [row] = await db.select().from(connectSessions).where(eq(connectSessions.stateHash, stateHash))
    return row
  },
  /** Binds a fresh state and PKCE verifier to the session (a new attempt replaces an unused one). */
  async beginAuthorization(
    id: string,
    values: { stateHash: string; codeVerifier: string; fields: Record<string, string>; stateExpiresAt: Date },
  ): Promise<void> {
    await db
      .update(connectSessions)
      .set({ ...values, stateUsedAt: null })
      .where(and(eq(connectSessions.id, id), isNull(connectSessions.completedConnectionId)))
  },
  /** Marks the state used; only one caller ever wins, and only before it expires. */
  async consumeState(id: string, stateHash: string, now: Date): Promise<ConnectSessionRow | undefined> {
    const [row] = await db
      .update(connectSessions)
      .set({ stateUsedAt: now })
      .where(
        and(
          eq(connectSessions.id, id),
          eq(connectSessions.stateHash, stateHash),
          isNull(connectSessions.stateUsedAt),
          gt(connectSessions.stateExpiresAt, now),
          gt(connectSessions.expiresAt, now),
        ),
      )
      .returning()
    return row
  },
  async complete(id: string, connectionId: string): Promise<void> {
    await db.update(connectSessions).set({ completedConnectionId: connectionId }).where(eq(connectSessions.id, id))
  },
})

export type OAuthAppRepository = ReturnType<typeof oauthAppRepository>
export type ConnectSessionRepository = ReturnType<typeof connectSessionRepository>
