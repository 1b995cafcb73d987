import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { providers as builtIn } from '../../providers/index.js'
import { missingMappingTests } from '../architecture/mapping-tests.js'
import { root } from '../architecture/source-files.js'
import { scaffoldProvider } from '../../scripts/new-provider.js'
import type { ProviderDefinition } from '../../src/core/provider-kit/types.js'
import { expectProblem, testGateway } from '../helpers/gateway.js'
import { serveSimulator } from '../helpers/simulators.js'

const outDir = join(root, '.scaffold', `run${Math.random().toString(36).slice(2, 8)}`)

/** docs/architecture.md, "Adding a REST provider": the scaffold's files are a working provider as written. */
describe('npm run new:provider', () => {
  afterAll(() => rm(outDir, { recursive: true, force: true }))

  it('scaffolds a provider that registers, connects and answers unified orders over HTTP against its simulator', async () => {
    const files = scaffoldProvider('acme-shop', outDir)
    const written = files.map((path) => path.slice(outDir.length + 1))
    expect(written.sort()).toEqual([
      ...['index.ts', 'mapping.ts', 'simulator.ts', 'wire.ts'].map((file) => `providers/acme-shop/${file}`),
      'test/mapping/acme-shop.test.ts',
    ])
    expect(() => scaffoldProvider('acme-shop', outDir)).toThrow(/already exists/)
    expect(() => scaffoldProvider('Bad_Id', outDir)).toThrow(/lower case/)
    // The mapping test lands where test/architecture/mapping-tests.test.ts looks for it, and covers every table.
    const text = (path: string) => readFileSync(join(outDir, path), 'utf8')
    const room = { id: 'acme-shop', files: Object.fromEntries(written.filter((path) => path.startsWith('providers/')).map((path) => [path, text(path)])) }
    expect(missingMappingTests(room, text('test/mapping/acme-shop.test.ts'))).toEqual([])

    const { acmeShop } = (await import(join(outDir, 'providers', 'acme-shop', 'index.ts'))) as { acmeShop: ProviderDefinition }
    const { createAcmeShopSimulator } = await import(join(outDir, 'providers', 'acme-shop', 'simulator.ts'))
    const sim = await serveSimulator(createAcmeShopSimulator())
    try {
      const gw = await testGateway({ providers: [...builtIn, acmeShop], env: { KOPRU_PROVIDER_ACME_SHOP_BASE_URL: sim.url } })
      const tenant = await gw.tenant()
      const catalog = (await (await gw.call(tenant.apiKey, '/v1/providers')).json()) as { data: { id: string; operations: string[] }[] }
      expect(catalog.data.find((p) => p.id === 'acme-shop')).toMatchObject({ operations: ['orders.list', 'orders.get'] })

      const refused = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'acme-shop', credentials: { api_key: 'wrong' } }) })
      expect((await expectProblem(refused, 400, 'invalid_request')).errors).toEqual([{ path: 'credentials', message: 'invalid API key' }])
      const created = await gw.call(tenant.apiKey, '/v1/connections', { method: 'POST', body: JSON.stringify({ provider: 'acme-shop', credentials: sim.demo.credentials }) })
      expect(created.status).toBe(201)
      const connection = ((await created.json()) as { id: string }).id

      const first = await gw.call(tenant.apiKey, '/v1/orders?limit=1', { connection })
      const page = (await first.json()) as { data: Record<string, unknown>[]; next_cursor: string | null }
      expect(page.data).toEqual([expect.objectContaining({ id: '1002', provider: 'acme-shop', status: 'open', fulfillment_status: 'shipped', total: { amount: '249.90', currency: 'TRY' } })])
      const second = (await (await gw.call(tenant.apiKey, `/v1/orders?limit=1&cursor=${page.next_cursor}`, { connection })).json()) as typeof page
      expect(second).toMatchObject({ data: [{ id: '1001', order_number: 'A-1001' }], next_cursor: null })
      await expectProblem(await gw.call(tenant.apiKey, '/v1/orders/999', { connection }), 404, 'not_found')
    } finally {
      await sim.server.close()
    }
  }, 60_000)
})
