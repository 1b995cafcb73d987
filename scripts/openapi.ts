/** Prints the OpenAPI document of a gateway with the built-in providers (`npm run openapi:lint` lints it). */
import { createGateway } from '../src/app.js'
import { createKeyring, generateKeyBase64, parseKeyList } from '../src/core/crypto.js'
import { createLogger } from '../src/core/logger.js'
import { openDatabase } from '../src/db/open.js'

export async function currentDocument(): Promise<unknown> {
  const database = await openDatabase({ dataDir: 'memory://' })
  try {
    const gateway = createGateway({ db: database.db, keyring: await createKeyring(parseKeyList(generateKeyBase64())), adminKey: 'unused', logger: createLogger({ level: 'silent' }) })
    return await (await gateway.request('/openapi.json')).json()
  } finally {
    await database.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${JSON.stringify(await currentDocument(), null, 2)}\n`)
