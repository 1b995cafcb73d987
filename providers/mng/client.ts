/**
 * MNG's transport quirks in one place: the JWT from `/token` as a core session (`mngSession`), array-wrapped
 * single objects, error codes read as error kinds (`parseMngError`), and the documented transient `20001` retried.
 */
import {
  isKopruError,
  parseProviderTime,
  readWire,
  retryTransient,
  type OperationContext,
  type ParsedProviderError,
  type SessionAuth,
  type UpstreamRequest,
  type UpstreamResponse,
} from '../../src/core/provider-kit/index.js'
import { MNG_TRANSIENT, mngErrorMeaning } from './mapping.js'
import type { MngCredentials, MngToken } from './types.js'
import { mngTokenWire, single } from './wire.js'
import type { z } from 'zod'

export type MngCtx = OperationContext<MngCredentials>

/** Refresh this long before MNG's stated expiry, so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 60_000

/**
 * MNG's JWT as a core session (`auth.session`): obtained from `/token` with the customer number and password,
 * kept per connection by core until shortly before `jwtExpireDate`, sent as `Authorization: Bearer` on every
 * call — operations and `/v1/proxy` — and renewed once when MNG answers 401.
 */
export const mngSession: SessionAuth<MngCredentials> = {
  async obtain({ credentials, request }) {
    const response = await request<MngToken | MngToken[]>({
      method: 'POST',
      path: '/token',
      operation: 'token',
      json: { customerNumber: credentials.customer_number, password: credentials.password, identityType: 1 },
    })
    const token = readMng<MngToken>(single(mngTokenWire), response, 'token')
    const expires = parseProviderTime(token.jwtExpireDate)?.getTime() ?? Date.now() + 15 * 60_000
    return { token: token.jwt, expiresAt: expires - EXPIRY_MARGIN_MS }
  },
  apply(headers, token) {
    headers.set('authorization', `Bearer ${token}`)
  },
}

/** Writes MNG documents as retryable when they fail with `20001`: nothing was created, so a repeat is safe. */
export const mngWrite = <T>(ctx: MngCtx, request: UpstreamRequest) =>
  retryTransient(() => ctx.request<T>(request), {
    attempts: 3,
    delayMs: 150,
    isTransient: (error) => isKopruError(error) && MNG_TRANSIENT.has(error.provider?.code ?? ''),
  })

/** An MNG answer read through its wire schema (wire.ts); a surprise is a 502 naming the field. */
export function readMng<T>(schema: z.ZodType, response: UpstreamResponse<unknown>, what: string): T {
  return readWire(schema, response.data, { provider: { id: 'mng', name: 'MNG Kargo' }, what, status: response.status }) as T
}

/**
 * The provider's `parseError`: app errors `[{error:{Code, Message}}]` with what their code means (mapping.ts), IBM
 * gateway errors, or nothing (HTML pages).
 */
export function parseMngError({ data }: UpstreamResponse): ParsedProviderError {
  const body = (Array.isArray(data) ? data[0] : data) as
    | { error?: { Code?: string | number; Message?: string; Description?: string }; httpCode?: string; moreInformation?: string }
    | null
  if (!body || typeof body !== 'object') return {}
  // MNG's Message is often just "Error"; the readable text is in Description.
  if (body.error) {
    const { Code, Message, Description } = body.error
    const message = Description && (!Message || /^(error|hata)$/i.test(Message.trim())) ? Description : Message
    const code = Code === undefined ? undefined : String(Code)
    return { code, message, ...mngErrorMeaning(code, message) }
  }
  if (body.httpCode) return { message: body.moreInformation }
  return {}
}
