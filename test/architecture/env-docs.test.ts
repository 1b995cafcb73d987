import { describe, expect, it } from 'vitest'
import { readSource, sourceFiles } from './source-files.js'

/** The Worker's own bindings (not environment variables of the Node entry): documented in docs/edge.md. */
const workerBindings = new Set(['HYPERDRIVE', 'QUOTA_WINDOWS'])

/**
 * Every environment variable the code reads, found in the source: the keys of loadConfig's schema (src/config.ts),
 * `env.NAME` / `process.env.NAME` reads, and the per-provider names built with `envName(provider.id, …)` or spelled
 * out as `KOPRU_PROVIDER_${…}_…`, written the way the docs write them (`<ID>`, `<HOST>`, `<NAME>`).
 */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>()
  const add = (name: string, file: string) => void (found.has(name) || found.set(name, file))
  for (const file of sourceFiles('src').filter((path) => !path.includes('.test.'))) {
    const text = readSource(file)
    if (file === 'src/config.ts') for (const m of text.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)) add(m[1]!, file)
    for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g)) add(m[1]!, file)
    for (const m of text.matchAll(/envName\(provider\.id, (host, )?'([A-Z_]+?)(_?)'\)/g)) {
      add(`KOPRU_PROVIDER_<ID>_${m[1] ? '<HOST>_' : ''}${m[2]}${m[3] ? '_<NAME>' : ''}`, file)
    }
    for (const m of text.matchAll(/KOPRU_PROVIDER_\$\{[^}]+\}_([A-Z_]+)/g)) add(`KOPRU_PROVIDER_<ID>_${m[1]}`, file)
  }
  return found
}

describe('docs/configuration.md', () => {
  it('lists every environment variable the code reads', () => {
    const variables = variablesRead()
    // The scan itself: a few it must see, or it has stopped finding anything.
    for (const name of ['PORT', 'KOPRU_MAX_QUEUE_MS', 'OTEL_SERVICE_NAME', 'KOPRU_PROVIDER_<ID>_<HOST>_BASE_URL', 'KOPRU_PROVIDER_<ID>_APP_<NAME>']) {
      expect([...variables.keys()]).toContain(name)
    }
    const configuration = readSource('docs/configuration.md')
    const edge = readSource('docs/edge.md')
    const missing = [...variables]
      .filter(([name]) => !(workerBindings.has(name) ? edge : configuration).includes(`\`${name}\``))
      .map(([name, file]) => `${name} (read in ${file})`)
    expect(missing).toEqual([])
  })
})
