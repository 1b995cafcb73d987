import { sha256Hex } from '../idempotency.js'

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * The carrier reference (Yurtiçi cargoKey, Aras IntegrationCode/TradingWaybillNumber, MNG referenceId) used when
 * the client gives none: derived from the tenant and the Idempotency-Key, so a retry after a crash or a lost
 * answer sends the very same reference and the carrier's duplicate check — or kopru's reconciliation — finds
 * the first shipment. 16 characters (Aras' TradingWaybillNumber limit), upper-case letters and digits only.
 */
export async function referenceFromIdempotencyKey(tenantId: string, key: string, purpose: 'shipment' | 'invoice' = 'shipment'): Promise<string> {
  const hex = await sha256Hex(`kopru-${purpose}-reference\n${tenantId}\n${key}`)
  let bits = BigInt(`0x${hex.slice(0, 20)}`) // 80 bits, 75 used
  let out = ''
  for (let i = 0; i < 15; i++) {
    out = crockford[Number(bits & 31n)]! + out
    bits >>= 5n
  }
  return `K${out}`
}
