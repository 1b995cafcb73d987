import { KopruError } from './errors.js'
import { environments, type OperationId, type ProviderDefinition, type ProviderKind } from './provider-kit/types.js'

export interface CatalogEntry {
  id: string
  name: string
  kind: ProviderKind
  auth_type: string
  auth_fields: { name: string; label: string; secret: boolean }[]
  environments: string[]
  operations: OperationId[]
  quotas: { group: string; limit: number; interval_ms: number; scope: string }[]
}

export function operationsOf(provider: ProviderDefinition): OperationId[] {
  const ops = Object.keys(provider.operations).filter((key) => provider.operations[key as keyof typeof provider.operations])
  return [...ops, ...(provider.proxy ? ['proxy'] : [])] as OperationId[]
}

export function createRegistry(providers: readonly ProviderDefinition[]) {
  const byId = new Map(providers.map((provider) => [provider.id, provider]))
  if (byId.size !== providers.length) throw new Error('duplicate provider id in registry')

  const catalogEntry = (provider: ProviderDefinition): CatalogEntry => ({
    id: provider.id,
    name: provider.name,
    kind: provider.kind,
    auth_type: provider.auth.type,
    auth_fields: provider.auth.fields.map(({ name, label, secret }) => ({ name, label, secret })),
    environments: environments.filter((env) => provider.baseUrls[env]),
    operations: operationsOf(provider),
    quotas: provider.quotas.map((q) => ({ group: q.group, limit: q.limit, interval_ms: q.intervalMs, scope: q.scope })),
  })
  const catalog = providers.map(catalogEntry)

  return {
    list: () => [...byId.values()],
    find: (id: string) => byId.get(id),
    get(id: string): ProviderDefinition {
      const provider = byId.get(id)
      if (!provider) throw new KopruError('invalid_request', `unknown provider '${id}'`, { errors: [{ path: 'provider', message: `one of: ${[...byId.keys()].join(', ')}` }] })
      return provider
    },
    catalog: () => catalog,
  }
}

export type Registry = ReturnType<typeof createRegistry>
