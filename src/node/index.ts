/** `kopru/node`: the Node helpers. Nothing here runs at the edge. */
export { createNodeGateway, type BackgroundIntervals, type NodeGateway, type NodeGatewayOptions } from './gateway.js'
export { openDatabase } from '../db/open.js'
export type { Database, DatabaseHandle } from '../db/types.js'
export { createUndiciTransport } from './undici-transport.js'
export { nodeDocsAssets } from './docs-assets.js'
export { listen, type Listening } from './listen.js'
export { startSimulators, type RunningSimulators } from './simulators.js'
export { createRedisQuotaDatastore } from './redis-quotas.js'
