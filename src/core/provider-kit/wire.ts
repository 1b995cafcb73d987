import type { z } from 'zod'
import { KopruError } from '../errors.js'

/**
 * Reads a provider answer through the zod schema of its wire shape: a mismatch is `provider_error` (502) whose
 * `errors[].path` names the provider's field, never an exception deeper down.
 */
export function parseAnswer<T>(schema: z.ZodType<T>, data: unknown, where: { provider: string; what: string; status?: number }): T {
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  throw new KopruError('provider_error', `${where.provider} sent an unexpected ${where.what}`, {
    provider: { id: where.provider, status: where.status },
    errors: parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.') || '(answer)', message: issue.message })),
  })
}
