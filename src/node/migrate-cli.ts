/** `npm run db:migrate`: applies drizzle/ to DATABASE_URL (or the PGlite in KOPRU_DATA_DIR). Used before edge deploys. */
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/open.js'

const config = loadConfig(process.env)
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.KOPRU_DATA_DIR })
console.log(`migrations applied (${database.kind})`)
await database.close()
