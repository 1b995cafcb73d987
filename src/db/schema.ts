import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

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

export type InventoryJobRowStatus = 'pending' | 'processing' | 'completed' | 'partially_failed' | 'failed'

/** A price/stock batch handed to a provider (POST /v1/inventory), polled until every item is settled. */
export const inventoryJobs = pgTable(
  'inventory_jobs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    status: text('status').$type<InventoryJobRowStatus>().notNull(),
    /** The provider's own batch references (InventorySubmission.refs), handed back to `inventory.job`. */
    refs: jsonb('refs').$type<unknown[]>().notNull().default([]),
    /** One entry per submitted SKU, in request order: `{sku, status, error?}`. */
    items: jsonb('items').$type<{ sku: string; status: 'pending' | 'succeeded' | 'failed'; error?: { code: string | null; message: string } }[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Set once the job reached a final status; the provider is not asked again after that. */
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('inventory_jobs_tenant_idx').on(table.tenantId, table.createdAt)],
)

export type IdempotencyState = 'in_flight' | 'completed'

/**
 * Exactly-once writes: the first request with a (tenant, key) inserts its row and runs; the primary key makes
 * a second instance's insert fail, so only one ever runs. Rows expire after 24 h (`expires_at`).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** What the key was first used for, e.g. `shipments.create`. */
    operation: text('operation').notNull(),
    /** SHA-256 hex of the canonical request (connection + body): a different request with the key is refused. */
    requestHash: text('request_hash').notNull(),
    state: text('state').$type<IdempotencyState>().notNull(),
    /** While in flight: the claim is held until then; an abandoned claim (crashed instance) can be taken over. */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.key] }), index('idempotency_keys_expires_idx').on(table.expiresAt)],
)

/** Shipments created through kopru, so they can be read back even where the carrier is queried by reference. */
export const shipments = pgTable(
  'shipments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    /** The id the adapter answered with; handed back to its shipments.get / shipments.cancel. */
    providerId: text('provider_id').notNull(),
    reference: text('reference').notNull(),
    trackingNumber: text('tracking_number'),
    status: text('status').notNull(),
    label: jsonb('label').$type<{ format: 'PDF' | 'ZPL'; data: string } | null>(),
    /** The unified shipment as last seen (addresses, parcels, COD), without `raw`. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('shipments_connection_reference_idx').on(table.connectionId, table.reference),
    index('shipments_tenant_idx').on(table.tenantId, table.createdAt),
    index('shipments_tracking_idx').on(table.connectionId, table.trackingNumber),
  ],
)

export const schema = { tenants, apiKeys, connections, inventoryJobs, idempotencyKeys, shipments }
