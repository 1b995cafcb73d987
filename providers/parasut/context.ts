import { KopruError, oauthTokensSchema, type OperationContext } from '../../src/core/provider-kit/index.js'

/** Who sent an answer, for `readWire` errors. */
export const parasutWire = { id: 'parasut', name: 'Paraşüt' }

export const credentialsSchema = oauthTokensSchema
export type Credentials = typeof credentialsSchema._output
export type Ctx = OperationContext<Credentials>

/** Every company resource lives under /v4/{company_id}; the id is learnt when the connection is made. */
export const companyPath = (ctx: Ctx, path: string) => {
  const company = ctx.connection.metadata.company_id
  if (typeof company !== 'string' || !/^\d{1,12}$/.test(company)) throw new KopruError('provider_error', 'this Paraşüt connection has no company')
  return `/v4/${company}${path}`
}
