import type { Context } from 'hono'
import type { ConnectionService } from '../core/connections.js'
import { bodySecrets, credentialSecrets, type SecretSource } from '../core/secrets.js'
import type { GatewayEnv } from './types.js'

const connectionInPath = /\/connections\/(conn_[A-Za-z0-9]{1,40})/

/**
 * The secrets a request touches, each read lazily — the presented key, its connection's credentials (from the
 * cache only: no database read), secret fields of its validated body — for the request's logger and problem
 * answers to scrub by value. Nothing is computed unless a line or a problem is written.
 */
export function requestSecretSources(c: Context<GatewayEnv>, connections: Pick<ConnectionService, 'peek'>): SecretSource[] {
  const connection = () => {
    const tenantId = c.get('tenantId')
    const id = c.req.header('kopru-connection-id') ?? connectionInPath.exec(c.req.path)?.[1]
    const resolved = tenantId && id ? connections.peek(tenantId, id) : undefined
    return resolved ? credentialSecrets(resolved.provider, resolved.credentials) : []
  }
  return [
    () => [/^Bearer\s+(\S+)/i.exec(c.req.header('authorization') ?? '')?.[1]],
    connection,
    () => bodySecrets((c.req.valid as (target: string) => unknown)('json')),
  ]
}
