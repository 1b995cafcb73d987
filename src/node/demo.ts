import type { Gateway } from '../app.js'
import { issueApiKey } from '../routes/admin.js'
import { backgroundScope } from '../core/request-scope.js'
import type { RunningSimulators } from './simulators.js'

const DEMO_TENANT_ID = 'ten_demo'
const DEMO_TENANT_NAME = 'Demo Mağaza'

/** First start: a demo tenant with a sandbox connection per simulator. Every start: a fresh API key to print. */
export async function seedDemo(gateway: Gateway, simulators: RunningSimulators, publicUrl: string) {
  const { tenants, connections, oauthApps, registry } = gateway.services
  if (!(await tenants.get(DEMO_TENANT_ID))) {
    await tenants.create({ id: DEMO_TENANT_ID, name: DEMO_TENANT_NAME, createdAt: new Date() })
  }
  const existing = await connections.list(DEMO_TENANT_ID, 100)
  const scope = backgroundScope(`req_demo_seed_${Date.now()}`)
  // All at once: each waits mostly on its simulator's credential check, which can overlap.
  await Promise.all(
    Object.entries(simulators.modules).map(([providerId, simulator]) =>
      seedConnection(providerId, simulator).catch((error: Error) => {
        // One provider's demo connection must never keep the gateway from starting.
        gateway.services.log.warn('demo connection not seeded', { provider: providerId, error: error.message })
      }),
    ),
  )

  async function seedConnection(providerId: string, simulator: RunningSimulators['modules'][string]) {
    const oauth = simulator.demoOAuth
    if (oauth) {
      // OAuth simulators: the demo app becomes the operator's app (unless one is configured), kopru's
      // callback is registered with it, and a grant minted for the demo account seeds the connection.
      const provider = registry.get(providerId)
      oauth.allowRedirect(`${publicUrl}/connect/callback`)
      if (!(await oauthApps.find(provider))) {
        await oauthApps.put(provider, { clientId: oauth.app.clientId, clientSecret: oauth.app.clientSecret, settings: oauth.app.settings ?? {} })
      }
      // Simulators forget their grants on restart: an existing demo connection is re-authorized each start.
      const previous = existing.find((row) => row.provider === providerId)
      const grant = oauth.grant()
      await connections.authorize(
        { tenantId: DEMO_TENANT_ID, provider: providerId, environment: 'sandbox', credentials: grant.tokens, metadata: grant.metadata, connectionId: previous?.id },
        scope,
      )
      return
    }
    if (existing.some((row) => row.provider === providerId)) return
    await connections.create(
      {
        tenantId: DEMO_TENANT_ID,
        provider: providerId,
        environment: 'sandbox',
        credentials: simulator.demo.credentials,
        settings: simulator.demo.settings,
      },
      scope,
    )
  }
  return demoSummary(gateway)
}

/**
 * A demo instance reusing another's simulators: waits until that instance has seeded the demo tenant, then
 * issues its own key for it.
 */
export async function joinDemo(gateway: Gateway, waitMs = 60_000) {
  const deadline = Date.now() + waitMs
  while ((await gateway.services.connections.list(DEMO_TENANT_ID, 1)).length === 0) {
    if (Date.now() > deadline) throw new Error('the demo instance that hosts the simulators has not seeded the demo tenant')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return demoSummary(gateway)
}

async function demoSummary(gateway: Gateway) {
  const { connections } = gateway.services
  const all = await connections.list(DEMO_TENANT_ID, 100)
  const trendyol = all.find((row) => row.provider === 'trendyol') ?? all[0]
  if (!trendyol) throw new Error('demo seed created no connection')
  const { key } = await issueApiKey(gateway.services, DEMO_TENANT_ID, `demo ${new Date().toISOString()}`)

  const first = await gateway.request('/v1/orders?limit=1', {
    headers: { authorization: `Bearer ${key}`, 'kopru-connection-id': trendyol.id },
  })
  const body = (await first.json()) as { data?: { id: string }[] }
  const products = await gateway.request('/v1/products?limit=1', {
    headers: { authorization: `Bearer ${key}`, 'kopru-connection-id': trendyol.id },
  })
  const listing = products.ok ? ((await products.json()) as { data?: { id: string }[] }) : {}
  return {
    tenantName: DEMO_TENANT_NAME,
    apiKey: key,
    connectionId: trendyol.id,
    sampleOrderId: body.data?.[0]?.id ?? 'ORDER_ID',
    // Trendyol keys listings (and price/stock rows) by barcode, which is its unified product id.
    sampleBarcode: listing.data?.[0]?.id ?? 'BARCODE',
    /** The demo accounting connection (Paraşüt), to turn a Trendyol order into an e-Arşiv invoice. */
    accountingConnectionId: all.find((row) => row.provider === 'parasut')?.id,
    /** Every demo connection, to try the other providers with the same key. */
    connections: all.map((row) => ({ provider: row.provider, id: row.id })),
  }
}
