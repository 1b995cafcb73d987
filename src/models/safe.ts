import { z } from '@hono/zod-openapi'

/**
 * What kopru accepts as text from a client, in every route's schema. Control characters (NUL included) can be
 * neither stored by PostgreSQL nor sent in a header, and a lone surrogate is not text; all are refused at the
 * edge with a 400 naming the field instead of failing later. Tab, newline and carriage return stay allowed in
 * free text. Strings are bounded (default 1000 characters: within a PostgreSQL index entry even in 2-byte UTF-8).
 */
export const unsafeCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export const CONTROL_CHARACTER_MESSAGE = 'control characters and unpaired surrogates are not allowed'

export const safeString = (max = 1000) =>
  z
    .string()
    .max(max)
    .refine((value) => !unsafeCharacters.test(value), { message: CONTROL_CHARACTER_MESSAGE, abort: true })

/** Where a JSON value nested in a free-form object (credentials, settings) breaks the rules, or null. */
function problemIn(value: unknown, path: (string | number)[], depth: number): { path: (string | number)[]; message: string } | null {
  if (depth > 8) return { path, message: 'nested too deeply (at most 8 levels)' }
  if (typeof value === 'string') {
    if (value.length > 100_000) return { path, message: 'too long (at most 100000 characters)' }
    return unsafeCharacters.test(value) ? { path, message: CONTROL_CHARACTER_MESSAGE } : null
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = problemIn(item, [...path, i], depth + 1)
      if (found) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (unsafeCharacters.test(key)) return { path: [...path, key], message: `key: ${CONTROL_CHARACTER_MESSAGE}` }
      const found = problemIn(inner, [...path, key], depth + 1)
      if (found) return found
    }
  }
  return null
}

/** A free-form JSON object from a client (credentials, settings): every nested string and key held to the same rules. */
export const safeRecord = () =>
  z.record(safeString(200), z.unknown()).superRefine((value, ctx) => {
    const found = problemIn(value, [], 0)
    if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.message })
  })
