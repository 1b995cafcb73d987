import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
})

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name'),
    /** SHA-256 hex of the full key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    /** First characters of the key, so an operator can tell keys apart. */
    keyPrefix: text('key_prefix').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('api_keys_key_hash_idx').on(table.keyHash), index('api_keys_tenant_idx').on(table.tenantId)],
)

export type ConnectionStatus = 'active' | 'needs_reauth'

export const connections = pgTable(
  'connections',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    environment: text('environment').notNull(),
    status: text('status').$type<ConnectionStatus>().notNull().default('active'),
    /** AES-256-GCM envelope (see core/crypto.ts) of the JSON credentials. */
    credentials: text('credentials').notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** Non-secret facts learned while connecting (e.g. the seller id), safe to show. */
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('connections_tenant_idx').on(table.tenantId, table.createdAt)],
)

/** A hosted connect flow: created by a tenant, opened by its end user in a browser, used once. */
export const connectSessions = pgTable(
  'connect_sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    environment: text('environment').notNull(),
    redirectUrl: text('redirect_url'),
    /** Set when the session re-authorizes an existing connection. */
    connectionId: text('connection_id'),
    /** SHA-256 of the OAuth `state`; the state itself only travels through the browser. */
    stateHash: text('state_hash'),
    /** Encrypted PKCE code verifier (same envelope as credentials). */
    codeVerifier: text('code_verifier'),
    /** What the user entered before authorizing (e.g. the Shopify shop domain); not secret. */
    fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
    stateExpiresAt: timestamp('state_expires_at', { withTimezone: true, mode: 'date' }),
    stateUsedAt: timestamp('state_used_at', { withTimezone: true, mode: 'date' }),
    completedConnectionId: text('completed_connection_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('connect_sessions_state_idx').on(table.stateHash), index('connect_sessions_tenant_idx').on(table.tenantId)],
)

/** The operator's OAuth app per provider (PUT /admin/providers/{provider}/oauth-app); env vars are the fallback. */
export const oauthApps = pgTable('oauth_apps', {
  provider: text('provider').primaryKey(),
  clientId: text('client_id').notNull(),
  /** Encrypted client secret. */
  clientSecret: text('client_secret').notNull(),
  scopes: jsonb('scopes').$type<string[]>(),
  /** Provider-specific app facts (eBay RuName, Amazon application id); not secret. */
  settings: jsonb('settings').$type<Record<string, string>>().notNull().default({}),
  updatedAt: updatedAt(),
})

/** Connection lifecycle events (`connection.needs_reauth`, ...); the events outbox can route these. */
export const connectionEvents = pgTable(
  'connection_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    connectionId: text('connection_id').notNull(),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [index('connection_events_tenant_idx').on(table.tenantId, table.createdAt)],
)

export const schema = { tenants, apiKeys, connections, connectSessions, oauthApps, connectionEvents }
