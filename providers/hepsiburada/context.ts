import type { OperationContext } from '../../src/core/provider-kit/index.js'
import type { HbCredentials } from './types.js'

export type Ctx = OperationContext<HbCredentials>

/** The merchant segment of every OMS and listing path (listing-external takes only the lowercase spelling). */
export const merchantPath = (ctx: Ctx) => `merchantid/${encodeURIComponent(ctx.credentials.merchant_id)}`
