import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { KopruError, errorCodes, type ErrorCode } from '../core/errors.js'
import { scrubSecrets } from '../core/secrets.js'
import { requestBase } from './request-base.js'
import type { GatewayEnv } from './types.js'

export function problemResponse(c: Context<GatewayEnv>, error: KopruError): Response {
  const body = {
    type: `https://kopru.dev/errors/${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
    request_id: c.get('requestId') ?? '',
    retryable: error.retryable,
    ...(error.provider ? { provider: error.provider } : {}),
    ...(error.errors?.length ? { errors: error.errors } : {}),
    ...error.extra,
  }
  const headers = new Headers({ 'content-type': 'application/problem+json' })
  for (const [key, value] of Object.entries(error.headers ?? {})) headers.set(key, value)
  if (c.get('requestId')) headers.set('Kopru-Request-Id', c.get('requestId'))
  return new Response(scrubSecrets(JSON.stringify(body), c.get('secrets') ?? []), { status: error.status, headers })
}

const codeForStatus = (status: number): ErrorCode =>
  (Object.entries(errorCodes).find(([, meta]) => meta.status === status)?.[0] as ErrorCode | undefined) ??
  (status >= 500 ? 'internal' : 'invalid_request')

/** Anything thrown becomes problem+json; only a true bug becomes `internal`. */
export const onError: ErrorHandler<GatewayEnv> = async (error, c) => {
  if (error instanceof KopruError && error.links) return problemResponse(c, await withLinks(error, requestBase(c.req.url)))
  if (error instanceof KopruError) return problemResponse(c, error)
  if (error instanceof HTTPException) {
    const status = error.status
    const detail = status === 400 && /JSON/i.test(error.message) ? 'the request body is not valid JSON' : error.message || 'invalid request'
    return problemResponse(c, new KopruError(codeForStatus(status), detail, { status }))
  }
  c.get('log')?.error('unhandled error', { error: (error as Error).message, stack: (error as Error).stack })
  return problemResponse(c, new KopruError('internal', 'an unexpected error occurred; it has been logged'))
}

export const notFound: NotFoundHandler<GatewayEnv> = (c) =>
  problemResponse(c, new KopruError('not_found', `no route for ${c.req.method} ${c.req.path}`))

async function withLinks(error: KopruError, base: string): Promise<KopruError> {
  const links = await error.links!(base)
  if (!links) return error
  return new KopruError(error.code, error.message, { ...error, extra: { ...error.extra, ...links }, links: undefined })
}
