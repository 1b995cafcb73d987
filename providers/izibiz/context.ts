import { z } from 'zod'
import { KopruError, isKopruError, ownEntry, soapCall, type OperationContext, type SoapFault, type SoapResult, type UblParty } from '../../src/core/provider-kit/index.js'
import { errorTypeAnswer, loginAnswer, readIzibiz } from './wire.js'
import { IZIBIZ_DUPLICATE_NUMBER, IZIBIZ_DUPLICATE_UUID, IZIBIZ_SESSION_EXPIRED, IZIBIZ_VALIDATION, izibizElementTable, izibizServices } from './mapping.js'

export const credentialsSchema = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) })
export type Credentials = z.infer<typeof credentialsSchema>
export type Ctx = OperationContext<Credentials>

/** The seller as it appears on every UBL-TR document: the connection's `settings.supplier` and `settings.series`. */
export const supplierSchema = z.object({
  name: z.string().trim().min(1).max(200),
  tax_id: z.string().regex(/^\d{10,11}$/),
  tax_office: z.string().trim().min(1).max(100),
  alias: z.string().trim().min(1).max(200).optional(),
  address: z.object({ line1: z.string().min(1), district: z.string().min(1), city: z.string().min(1), postal_code: z.string().optional(), country_code: z.string().length(2) }),
})

export function supplierOf(ctx: Ctx): UblParty & { alias?: string } {
  const parsed = supplierSchema.safeParse(ctx.connection.settings.supplier)
  if (!parsed.success) {
    throw new KopruError('invalid_request', 'this İzibiz connection needs settings.supplier (the seller on the invoice)', {
      errors: parsed.error.issues.map((issue) => ({ path: ['settings', 'supplier', ...issue.path.map(String)].join('.'), message: issue.message })),
    })
  }
  const { address, ...rest } = parsed.data
  return { ...rest, address: { name: rest.name, ...address } }
}

export const seriesOf = (ctx: Ctx) => (typeof ctx.connection.settings.series === 'string' && /^[A-Z0-9]{3}$/.test(ctx.connection.settings.series) ? ctx.connection.settings.series : 'KPR')

/**
 * A session lives 8 hours at İzibiz (authentication/_login.md); kopru keeps one in the connection's cache for 20
 * minutes and logs in again once when İzibiz calls it expired.
 */
const SESSION_TTL_MS = 20 * 60_000
const sessionKey = (ctx: Ctx) => `izibiz-session/${ctx.connection.environment}/${ctx.credentials.username}`

async function login(ctx: Ctx): Promise<string> {
  return ctx.cache.get(sessionKey(ctx), async () => {
    const { result } = await soapCall(ctx, {
      ...izibizServices.auth,
      operation: 'Login',
      action: 'Login',
      params: { REQUEST_HEADER: { SESSION_ID: '-1', APPLICATION_NAME: 'kopru', CHANNEL_NAME: 'kopru' }, USER_NAME: ctx.credentials.username, PASSWORD: ctx.credentials.password },
      onFault: (fault) =>
        /kullanıcı|password|şifre|user/i.test(fault.message)
          ? new KopruError('provider_error', 'İzibiz refused the user name or password', { provider: { id: 'izibiz', code: 'login', message: fault.message }, kind: 'auth' })
          : undefined,
    })
    return { value: readIzibiz(loginAnswer, 'Login', result).SESSION_ID, expiresAt: Date.now() + SESSION_TTL_MS }
  })
}

/** İzibiz faults carry `detail/RequestFault/{ERROR_CODE, ERROR_SHORT_DES}`; validation names the UBL element. */
export function izibizFault(fault: SoapFault, status: number): KopruError {
  const detail = (fault.detail as { RequestFault?: { ERROR_CODE?: unknown; ERROR_SHORT_DES?: unknown } } | null)?.RequestFault
  const code = detail?.ERROR_CODE === undefined ? fault.code : String(detail.ERROR_CODE)
  const element = typeof detail?.ERROR_SHORT_DES === 'string' ? detail.ERROR_SHORT_DES : ''
  const provider = { id: 'izibiz', status, code, message: fault.message.slice(0, 500) }
  if (code === IZIBIZ_DUPLICATE_UUID) return new KopruError('conflict', 'İzibiz already has this ETTN', { provider, kind: 'duplicate' })
  if (code === IZIBIZ_DUPLICATE_NUMBER) {
    return new KopruError('conflict', `İzibiz refused the invoice number: ${fault.message}`, { provider, errors: [{ path: 'body.number', message: 'already used' }] })
  }
  if (code === IZIBIZ_VALIDATION) {
    return new KopruError('invalid_request', `İzibiz refused the invoice: ${fault.message}`, {
      provider,
      errors: [{ path: ownEntry(izibizElementTable, element) ?? `provider.${element || 'document'}`, message: fault.message }],
    })
  }
  return new KopruError('provider_error', `İzibiz answered with a fault (${code}): ${fault.message}`.slice(0, 600), { provider, retryable: status >= 500 })
}

/** An `ERROR_TYPE` in a 200 answer is the same failure a fault would be: read as one (its code, the element it names). */
function throwErrorType(answer: SoapResult): void {
  const failure = errorTypeAnswer.safeParse(answer.result).data?.ERROR_TYPE
  if (!failure) return
  const message = failure.ERROR_LONG_DESC || failure.ERROR_SHORT_DESC || 'İzibiz answered with ERROR_TYPE'
  const detail = { RequestFault: { ERROR_CODE: failure.ERROR_CODE, ERROR_SHORT_DES: failure.ERROR_SHORT_DESC } }
  throw izibizFault({ code: failure.ERROR_CODE ?? 'ERROR_TYPE', message, detail }, answer.status)
}

/** A call with the session; a fresh login and one more try when İzibiz says the session expired. */
export async function izibizCall(
  ctx: Ctx,
  service: keyof typeof izibizServices,
  operation: string,
  params: (session: string) => Record<string, unknown>,
  options: { arrays?: string[]; attributes?: readonly string[]; idempotent?: boolean } = {},
): Promise<SoapResult> {
  for (let attempt = 1; ; attempt++) {
    const session = await login(ctx)
    try {
      const answer = await soapCall(ctx, {
        ...izibizServices[service],
        operation,
        action: operation,
        params: params(session) as never,
        arrays: options.arrays,
        attributes: options.attributes,
        idempotent: options.idempotent,
        onFault: izibizFault,
      })
      throwErrorType(answer)
      return answer
    } catch (error) {
      if (attempt === 1 && isKopruError(error) && error.provider?.code === IZIBIZ_SESSION_EXPIRED) {
        ctx.cache.delete(sessionKey(ctx), session)
        continue
      }
      throw error
    }
  }
}

/** REQUEST_HEADER (ortak/_requestheader.md): SESSION_ID, APPLICATION_NAME and CHANNEL_NAME are required; COMPRESSED=N asks for plain content. */
export const header = (session: string) => ({ SESSION_ID: session, APPLICATION_NAME: 'kopru', CHANNEL_NAME: 'kopru', COMPRESSED: 'N' })
