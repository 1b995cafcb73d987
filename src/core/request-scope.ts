/**
 * Per-request facts the HTTP edge knows and the upstream layer needs (the client's wait budget), and
 * facts the upstream layer learns that the edge reports (provider and operation, for metrics). Keyed by
 * request id, opened and closed by the `requestScope` middleware.
 */
export interface RequestScope {
  /** Latest instant (epoch ms) a provider call of this request may start. */
  deadline: number
  provider?: string
  operation?: string
}

export function createRequestScopes() {
  const scopes = new Map<string, RequestScope>()
  return {
    open(requestId: string, scope: RequestScope) {
      scopes.set(requestId, scope)
    },
    get: (requestId: string) => scopes.get(requestId),
    close(requestId: string) {
      const scope = scopes.get(requestId)
      scopes.delete(requestId)
      return scope
    },
    label(requestId: string, provider: string, operation: string) {
      const scope = scopes.get(requestId)
      if (scope && !scope.provider) Object.assign(scope, { provider, operation })
    },
  }
}

export type RequestScopes = ReturnType<typeof createRequestScopes>
