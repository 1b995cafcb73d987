import type { Hook } from '@hono/zod-openapi'
import { KopruError } from '../core/errors.js'

const where: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header' }

/** zod failures from @hono/zod-openapi -> `invalid_request` with one entry per field. */
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return
  const target = (result as { target?: string }).target ?? 'body'
  throw new KopruError('invalid_request', `the request ${where[target] ?? target} is invalid`, {
    errors: result.error.issues.map((issue) => ({
      path: [where[target] ?? target, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  })
}
