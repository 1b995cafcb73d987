import type { z } from 'zod'
import { KopruError } from '../errors.js'

/** Validates the paging state an adapter gets back from a client cursor (cursors are client input). */
export function parsePageState<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  if (value === undefined) return undefined
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new KopruError('invalid_request', 'cursor is not valid', {
      errors: [{ path: 'query.cursor', message: 'pass next_cursor back unchanged' }],
    })
  }
  return parsed.data
}
