import type { Context } from 'hono'
import type { ConsoleEnv } from './types.js'

/**
 * The tenant a page shows: a tenant always sees only its own (whatever the URL says); the operator sees the tenant
 * picked in the filter, or every tenant (undefined).
 */
export function visibleTenant(c: Context<ConsoleEnv>): string | undefined {
  const session = c.get('session')
  if (!session.admin) return session.tenantId!
  const picked = new URL(c.req.url).searchParams.get('tenant')
  return picked ? picked.slice(0, 64) : undefined
}
