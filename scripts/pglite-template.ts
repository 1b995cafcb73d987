/** `npm install` (prepare): builds the initdb'd PGlite cluster new data directories are copied from (src/db/pglite-template.ts). */
import { ensureTemplate } from '../src/db/pglite-template.js'

const started = performance.now()
const dir = await ensureTemplate()
console.log(`PGlite template ready in ${Math.round(performance.now() - started)} ms: ${dir}`)
