import { connectionRepository } from '../db/connections.js'
import type { Database } from '../db/types.js'
import { assertHeaderSafeCredentials } from './credential-headers.js'
import type { Keyring } from './crypto.js'
import { KopruError } from './errors.js'
import type { RecordConnectionEvent } from './connection-events.js'
import type { ProviderDefinition } from './provider-kit/types.js'
import { parseRateSheet } from './shipping/rate-sheet.js'
import type { ResolvedConnection } from './connections.js'
import { snapshotOf } from './connections/types.js'

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
  deps: { db: Database; keyring: Keyring; events: RecordConnectionEvent },
  current: ResolvedConnection,
  next: { credentials?: unknown; settings: Record<string, unknown>; metadata: Record<string, unknown> },
): Promise<void> {
  const changed = [...(next.credentials !== undefined ? ['credentials'] : []), 'settings']
  const status = next.credentials !== undefined ? 'active' : current.status
  const sealed = next.credentials !== undefined ? await deps.keyring.encrypt(JSON.stringify(next.credentials)) : undefined
  await deps.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    const row = await connectionRepository(tx).update(current.info.tenantId, current.info.id, { sealed, settings: next.settings, metadata: next.metadata, status })
    if (!row) throw new KopruError('not_found', `connection '${current.info.id}' does not exist`)
    if (current.status === 'needs_reauth' && status === 'active') await deps.events(tx, 'connection.reauthorized', snapshotOf(row))
    else await deps.events(tx, 'connection.updated', snapshotOf(row), { changed })
  })
}
