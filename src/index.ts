/** `kopru`: the gateway as a Hono app, Web-standard only (Node, Workers, Deno, Bun). */
export { createGateway, type EventOptions, type Gateway, type GatewayOptions } from './app.js'
export { createKeyring, generateKeyBase64, parseKeyList, type Keyring } from './core/crypto.js'
export { createLogger, type Logger, type LogLevel } from './core/logger.js'
export { fetchTransport, type Transport } from './core/transport.js'
export type { DocsAssetName, DocsAssets } from './routes/docs.js'
export type { Database } from './db/types.js'
