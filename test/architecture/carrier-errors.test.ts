import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * Errors are decided once: the SOAP carrier kit and the carrier adapters say what a provider failure means (a kind,
 * through `carrier.fail`, `ctx.fail` or `parseError`) and `providerFailure` (src/core/provider-errors.ts) picks the
 * problem code. They may still refuse kopru's own input before sending (`invalid_request`).
 */
const files = [
  'src/core/provider-kit/carrier.ts',
  'providers/yurtici/index.ts',
  'providers/aras/index.ts',
  'providers/mng/index.ts',
  'providers/mng/client.ts',
]

describe('carrier failures go through the error kinds', () => {
  it.each(files)('%s builds no provider problem itself', (file) => {
    const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
    const decided = [...source.matchAll(/new KopruError\(\s*'([a-z_]+)'/g)].map((match) => match[1])
    expect(decided.filter((code) => code !== 'invalid_request')).toEqual([])
  })
})
