import type { CallLog } from '../call-log/writer.js'
import type { TokenOutcome } from '../oauth/client.js'
import { tokenRequestRecord } from '../oauth/token-record.js'

/**
 * The connect flow's authorization-code exchange in the call log (kind `token_exchange`), pushed once a connection
 * exists: the new or re-authorized one, or on a failed reconnect the connection being re-authorized. A first
 * connect that fails has no connection yet; its failure is in the gateway log only.
 */
export function recordExchange(
  callLog: CallLog | undefined,
  facts: { tenantId: string; connectionId: string; provider: string; tokenUrl: URL; requestId: string; result: TokenOutcome; ms: number },
) {
  if (callLog?.enabled) callLog.push(tokenRequestRecord({ kind: 'token_exchange', ...facts }))
}
