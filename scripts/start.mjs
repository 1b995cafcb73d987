/**
 * `npm start`: transpiles src/server.ts and everything of kopru it imports into one ES module with esbuild
 * (scripts/bundle.mjs), then runs it in this process. Through tsx the same start spent about a second more
 * resolving and transpiling ~300 files one by one in its loader thread, in a second Node process; one bundle is
 * made in a few hundred milliseconds on every start, so it never runs stale code. `npm run dev` keeps tsx.
 */
import { pathToFileURL } from 'node:url'
import { bundle } from './bundle.mjs'

const started = performance.now()
const server = await bundle('src/server.ts', 'kopru-server')
// Stack traces point into src/, not into the bundle.
process.setSourceMapsEnabled(true)
// src/server.ts reports this as the first phase of its start-up breakdown.
globalThis[Symbol.for('kopru.startup.transpile-ms')] = Math.round(performance.now() - started)
await import(pathToFileURL(server).href)
