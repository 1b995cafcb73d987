import { z } from 'zod'

const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
    .optional()
    .transform((value) => (value === undefined ? fallback : ['1', 'true', 'on', 'yes'].includes(value)))

/** Every environment variable kopru reads, in one place (DESIGN.md §2). */
export function loadConfig(env: Record<string, string | undefined>) {
  const production = env.NODE_ENV === 'production'
  const schema = z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string().url().optional(),
    KOPRU_DATA_DIR: z.string().default('.kopru/data'),
    REDIS_URL: z.string().optional(),
    KOPRU_ADMIN_KEY: z.string().min(16, 'KOPRU_ADMIN_KEY must be at least 16 characters').optional(),
    KOPRU_ENCRYPTION_KEY: z.string().optional(),
    KOPRU_PUBLIC_URL: z.string().url().optional(),
    // Set only when a proxy in front of kopru sets it (cf-connecting-ip, x-real-ip): clients can send any header.
    KOPRU_CLIENT_IP_HEADER: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'KOPRU_CLIENT_IP_HEADER must be a header name')
      .transform((name) => name.toLowerCase())
      .optional(),
    KOPRU_DEMO: flag(!production),
    KOPRU_QUOTAS: z.enum(['on', 'off']).default('on'),
    KOPRU_WEBHOOK_ALLOW_PRIVATE: flag(false),
    // JSON: `{"trendyol":{"orders":{"limit":100,"intervalMs":10000}}}` (negotiated limits, tests).
    KOPRU_QUOTA_OVERRIDES: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return undefined
        try {
          return JSON.parse(text) as unknown
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON' })
          return z.NEVER
        }
      })
      .pipe(z.record(z.string(), z.record(z.string(), z.object({ limit: z.number().int().positive(), intervalMs: z.number().int().positive() }))).optional()),
    KOPRU_MAX_QUEUE_MS: z.coerce.number().int().min(0).default(10_000),
    KOPRU_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    KOPRU_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
    KOPRU_DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    KOPRU_DELIVERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    KOPRU_DELIVERY_LEASE_MS: z.coerce.number().int().positive().optional(),
    KOPRU_EVENTS_RETENTION_DAYS: z.coerce.number().positive().default(30),
    KOPRU_CALL_LOG: z.enum(['on', 'off']).default('on'),
    KOPRU_CALL_LOG_RETENTION_DAYS: z.coerce.number().positive().default(7),
    KOPRU_CALL_LOG_MAX_ROWS: z.coerce.number().int().positive().default(1_000_000),
    KOPRU_INVENTORY_SETTLE_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
    KOPRU_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
    KOPRU_POLL_ORDERS_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
    KOPRU_POLL_TRACKING_INTERVAL_MS: z.coerce.number().int().positive().default(600_000),
    KOPRU_POLL_LOOKBACK_DAYS: z.coerce.number().positive().max(90).default(14),
    KOPRU_WEBHOOK_REPLAY_WINDOW_HOURS: z.coerce.number().positive().default(72),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  })
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')))
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`invalid configuration:\n${lines.join('\n')}`)
  }
  const config = parsed.data
  if (production && !config.KOPRU_ENCRYPTION_KEY) throw new Error('KOPRU_ENCRYPTION_KEY is required when NODE_ENV=production')
  if (production && !config.KOPRU_ADMIN_KEY) throw new Error('KOPRU_ADMIN_KEY is required when NODE_ENV=production')
  return {
    ...config,
    production,
    publicUrl: config.KOPRU_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
    /** Lease of a delivery claim: longer than one attempt may take. */
    deliveryLeaseMs: config.KOPRU_DELIVERY_LEASE_MS ?? Math.max(60_000, config.KOPRU_DELIVERY_TIMEOUT_MS + 30_000),
  }
}

export type Config = ReturnType<typeof loadConfig>
