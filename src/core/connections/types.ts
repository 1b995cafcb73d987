import { z } from 'zod'
import { toConnectionInfo, type ConnectionRow } from '../../db/connections.js'
import type { ConnectionStatus } from '../../db/schema.js'
import type { ConnectionInfo, Environment, ProviderDefinition } from '../provider-kit/types.js'

/** A connection as events and the API show it: no credentials. */
export interface ConnectionSnapshot {
  info: ConnectionInfo
  status: ConnectionStatus
  createdAt: Date
  updatedAt: Date
}

/** A connection ready to call its provider: decrypted credentials and the adapter. */
export interface ResolvedConnection extends ConnectionSnapshot {
  provider: ProviderDefinition
  credentials: unknown
}

export interface CreateConnectionInput {
  tenantId: string
  provider: string
  environment?: Environment
  credentials: unknown
  settings?: Record<string, unknown>
}

/** The outcome of an OAuth authorization, ready to become (or renew) a connection. */
export interface AuthorizeConnectionInput {
  tenantId: string
  provider: string
  environment: Environment
  /** Token set plus adapter extras, stored encrypted. */
  credentials: Record<string, unknown>
  metadata: Record<string, unknown>
  /** Re-authorize this connection instead of creating one. */
  connectionId?: string | null
}

export const snapshotOf = (row: ConnectionRow): ConnectionSnapshot => ({
  info: toConnectionInfo(row),
  status: row.status,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
})

/** The API's (and the events') view of a connection. */
export const connectionView = (c: ConnectionSnapshot) => ({
  id: c.info.id,
  provider: c.info.provider,
  environment: c.info.environment,
  status: c.status,
  settings: c.info.settings,
  metadata: c.info.metadata,
  created_at: c.createdAt.toISOString(),
  updated_at: c.updatedAt.toISOString(),
})

/** Ids kopru issues; anything else is `not_found` without a query. */
export const isConnectionId = (id: string) => /^conn_[A-Za-z0-9]{1,40}$/.test(id)

export const ConnectionSettings = z.record(z.string(), z.unknown())
