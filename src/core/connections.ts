/** Connections (src/core/connections/): the public names other modules import. */
export { createConnectionService, type ConnectionService, type ConnectionServiceDeps, type ContextFor } from './connections/service.js'
export { createConnectionCache, type ConnectionStateCache } from './connections/cache.js'
export { createProviderWebhooks } from './connections/provider-webhooks.js'
export {
  connectionView,
  snapshotOf,
  isConnectionId,
  ConnectionSettings,
  type ConnectionSnapshot,
  type ResolvedConnection,
  type CreateConnectionInput,
  type AuthorizeConnectionInput,
} from './connections/types.js'
