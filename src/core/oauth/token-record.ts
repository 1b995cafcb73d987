import type { CallLogInsert } from '../../db/call-log.js'
import { exchangeRecord } from '../call-log/record.js'
import type { TokenOutcome } from './client.js'

/**
 * How a token request's failure reads in the call log. A refused refresh token (`invalid_grant`) leaves the
 * connection needing re-authorization; a refused authorization code is the provider refusing the connect.
 */
const errorCodes = {
  token_refresh: { invalid_grant: 'connection_needs_reauth', rejected: 'provider_error', unavailable: 'provider_unavailable' },
  token_exchange: { invalid_grant: 'provider_error', rejected: 'provider_error', unavailable: 'provider_unavailable' },
} as const

const operations = { token_refresh: 'oauth.refresh', token_exchange: 'oauth.exchange' } as const

/**
 * A token request (a refresh, or the connect flow's code exchange) as the call log keeps it: the token URL's host
 * and path, the status and duration — never the code, the verifier, the client secret or the tokens.
 */
export function tokenRequestRecord(facts: {
  kind: keyof typeof errorCodes
  tenantId: string
  connectionId: string
  provider: string
  tokenUrl: URL
  requestId: string
  result: TokenOutcome
  ms: number
}): CallLogInsert {
  const { result, kind } = facts
  return exchangeRecord({
    tenantId: facts.tenantId,
    connectionId: facts.connectionId,
    provider: facts.provider,
    operation: operations[kind],
    kind,
    method: 'POST',
    url: facts.tokenUrl,
    requestId: facts.requestId,
    status: result.ok ? 200 : (result.status ?? null),
    ms: facts.ms,
    errorCode: result.ok ? null : errorCodes[kind][result.kind],
  })
}
