import type { CallLog } from '../call-log/writer.js'
import { exchangeRecord } from '../call-log/record.js'
import type { TokenOutcome } from '../oauth/client.js'

const exchangeErrorCodes = { invalid_grant: 'provider_error', rejected: 'provider_error', unavailable: 'provider_unavailable' } as const

/**
 * The connect flow's authorization-code exchange as the call log keeps it (kind `token_exchange`): the token
 * URL's host and path, the status and duration, never the code, the verifier, the client secret or the tokens.
 * Pushed once a connection exists: the new or re-authorized one, or on a failed reconnect the connection being
 * re-authorized. A first connect that fails has no connection yet; its failure is in the gateway log only.
 */
export function recordExchange(
  callLog: CallLog | undefined,
  facts: { tenantId: string; connectionId: string; provider: string; tokenUrl: URL; requestId: string; result: TokenOutcome; ms: number },
) {
  if (!callLog?.enabled) return
  const { result } = facts
  callLog.push(
    exchangeRecord({
      tenantId: facts.tenantId,
      connectionId: facts.connectionId,
      provider: facts.provider,
      operation: 'oauth.exchange',
      kind: 'token_exchange',
      method: 'POST',
      url: facts.tokenUrl,
      requestId: facts.requestId,
      status: result.ok ? 200 : (result.status ?? null),
      ms: facts.ms,
      errorCode: result.ok ? null : exchangeErrorCodes[result.kind],
    }),
  )
}
