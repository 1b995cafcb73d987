import type { RequestScope } from '../request-scope.js'
import { assertHeaderSafeCredentials } from '../credential-headers.js'
import { KopruError } from '../errors.js'
import { newId } from '../ids.js'
import type { ProviderDefinition } from '../provider-kit/types.js'
import { parseRateSheet } from '../shipping/rate-sheet.js'
import type { ConnectionServiceDeps } from './service.js'
import type { CreateConnectionInput, ResolvedConnection } from './types.js'
import { verifyCredentials } from './verification.js'

/** The checks a posted key/secret connection passes before kopru asks the provider about it. */
export function checkCreateInput(provider: ProviderDefinition, input: CreateConnectionInput) {
  if (provider.auth.type === 'oauth2') {
    throw new KopruError('invalid_request', `${provider.name} connects through OAuth: use POST /v1/connect/sessions`)
  }
  const environment = input.environment ?? 'production'
  if (!provider.baseUrls[environment]) {
    throw new KopruError('invalid_request', `${provider.name} has no ${environment} environment`, {
      errors: [{ path: 'environment', message: `unsupported for ${provider.id}` }],
    })
  }
  const parsed = provider.auth.schema.safeParse(input.credentials)
  if (!parsed.success) {
    throw new KopruError('invalid_request', `credentials for ${provider.name} are incomplete or malformed`, {
      errors: parsed.error.issues.map((issue) => ({ path: ['credentials', ...issue.path.map(String)].join('.'), message: issue.message })),
    })
  }
  assertHeaderSafeCredentials(provider, parsed.data)
  // A carrier's rate sheet is checked when stored, not when the first rate request trips over it.
  if (provider.kind === 'carrier' && input.settings?.rate_sheet !== undefined) parseRateSheet(input.settings.rate_sheet)
  return { environment, credentials: parsed.data as unknown }
}

/** `POST /v1/connections`: checked, verified with the provider, stored with its `connection.created` event. */
export async function createConnection(deps: ConnectionServiceDeps, input: CreateConnectionInput, scope: RequestScope): Promise<ResolvedConnection> {
  const provider = deps.registry.get(input.provider)
  const { environment, credentials } = checkCreateInput(provider, input)
  const now = new Date()
  const candidate: ResolvedConnection = {
    info: { id: newId('conn'), tenantId: input.tenantId, provider: provider.id, environment, settings: input.settings ?? {}, metadata: {} },
    status: 'active',
    provider,
    credentials,
    createdAt: now,
    updatedAt: now,
  }
  candidate.info.metadata = await verifyCredentials(provider, deps.contextFor(candidate, scope, 'credentials.verify'))
  const sealed = await deps.keyring.encrypt(JSON.stringify(credentials))
  await deps.webhooks.store(candidate, scope, sealed, (tx) => deps.events(tx, 'connection.created', candidate))
  deps.log.info('connection created', { tenant_id: input.tenantId, connection_id: candidate.info.id, provider: provider.id })
  return candidate
}
