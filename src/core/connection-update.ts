import { and, eq } from 'drizzle-orm'
import { connections as connectionsTable } from '../db/schema.js'
import type { Database } from '../db/types.js'
import { assertHeaderSafeCredentials } from './credential-headers.js'
import type { Keyring } from './crypto.js'
import { KopruError } from './errors.js'
import { recordEvent } from './events/outbox.js'
import type { ProviderDefinition } from './provider-kit/types.js'
import { parseRateSheet } from './shipping/rate-sheet.js'
import type { ResolvedConnection } from './connections.js'

export interface ConnectionPatch {
  /** Merged over the stored credentials (send only what changes), then verified with the provider. */
  credentials?: Record<string, unknown>
  /** JSON merge patch over the stored settings: a `null` member removes that setting. */
  settings?: Record<string, unknown>
}

/** Parses merged credentials with the provider's schema, naming the field that is wrong. */
export function mergedCredentials(provider: ProviderDefinition, current: unknown, patch: Record<string, unknown>): unknown {
  if (provider.auth.type === 'oauth2') {
    throw new KopruError('invalid_request', `${provider.name} credentials change through OAuth: use POST /v1/connect/sessions with the connection`, {
      errors: [{ path: 'body.credentials', message: 'not accepted for OAuth connections' }],
    })
  }
  const parsed = provider.auth.schema.safeParse({ ...(current as Record<string, unknown>), ...patch })
  if (!parsed.success) {
    throw new KopruError('invalid_request', `credentials for ${provider.name} are incomplete or malformed`, {
      errors: parsed.error.issues.map((issue) => ({ path: ['body', 'credentials', ...issue.path.map(String)].join('.'), message: issue.message })),
    })
  }
  assertHeaderSafeCredentials(provider, parsed.data, 'body.credentials')
  return parsed.data
}

export function mergedSettings(provider: ProviderDefinition, current: Record<string, unknown>, patch: Record<string, unknown>) {
  const next: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key]
    else next[key] = value
  }
  if (provider.kind === 'carrier' && next.rate_sheet !== undefined) parseRateSheet(next.rate_sheet, 'body.settings.rate_sheet')
  return next
}

/**
 * Stores a verified change with its event in one transaction: `connection.reauthorized` when new credentials
 * bring a `needs_reauth` connection back, `connection.updated` otherwise.
 */
export async function storeConnectionChange(
  deps: { db: Database; keyring: Keyring },
  current: ResolvedConnection,
  next: { credentials?: unknown; settings: Record<string, unknown>; metadata: Record<string, unknown> },
  view: (connection: ResolvedConnection) => unknown,
): Promise<void> {
  const now = new Date()
  const changed = [...(next.credentials !== undefined ? ['credentials'] : []), 'settings']
  const status = next.credentials !== undefined ? 'active' : current.status
  const type = current.status === 'needs_reauth' && status === 'active' ? 'connection.reauthorized' : 'connection.updated'
  const sealed = next.credentials !== undefined ? await deps.keyring.encrypt(JSON.stringify(next.credentials)) : undefined
  const updated: ResolvedConnection = {
    ...current,
    status,
    credentials: next.credentials ?? current.credentials,
    info: { ...current.info, settings: next.settings, metadata: next.metadata },
    updatedAt: now,
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(connectionsTable)
      .set({ ...(sealed ? { credentials: sealed } : {}), settings: next.settings, metadata: next.metadata, status, updatedAt: now })
      .where(and(eq(connectionsTable.id, current.info.id), eq(connectionsTable.tenantId, current.info.tenantId)))
    await recordEvent(tx, {
      type,
      tenantId: current.info.tenantId,
      connectionId: current.info.id,
      provider: current.provider.id,
      objectType: 'connection',
      objectId: current.info.id,
      data: { ...(view(updated) as object), changed },
      occurredAt: now,
    })
  })
}
