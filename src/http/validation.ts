import type { Hook } from '@hono/zod-openapi'
import { KopruError } from '../core/errors.js'

const where: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header' }

interface Issue {
  code?: string
  path: PropertyKey[]
  message: string
  errors?: Issue[][]
}

/**
 * A union that fails reports one issue at its own path; the client needs the field. Take the branch the input
 * came closest to (fewest issues that are not unknown keys), and report its issues below the union's path.
 */
function flatten(issue: Issue, prefix: PropertyKey[] = []): Issue[] {
  const path = [...prefix, ...issue.path]
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return [{ ...issue, path }]
  const score = (branch: Issue[]) => branch.filter((inner) => inner.code !== 'unrecognized_keys').length * 1000 + branch.length
  const closest = [...issue.errors].sort((a, b) => score(a) - score(b))[0]!
  if (closest.length === 0) return [{ ...issue, path }]
  return closest.flatMap((inner) => flatten(inner, path))
}

/** zod issues of one request part -> `invalid_request` with one entry per field. */
export function invalidRequest(target: string, zodIssues: readonly unknown[]): KopruError {
  const issues = (zodIssues as Issue[]).flatMap((issue) => flatten(issue))
  return new KopruError('invalid_request', `the request ${where[target] ?? target} is invalid`, {
    errors: issues.map((issue) => ({
      path: [where[target] ?? target, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  })
}

/** zod failures from @hono/zod-openapi's validators (request bodies) -> `invalid_request`. */
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return
  throw invalidRequest((result as { target?: string }).target ?? 'body', result.error.issues)
}
