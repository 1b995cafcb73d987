/**
 * One global marketplace behind the gateway for HTTP tests: its simulator served on a random port with every
 * request recorded, a demo OAuth grant turned into a connection (as the demo seed does), and a check of the
 * recorded requests against the provider's own published spec.
 */
import { expect } from 'vitest'
import type { SimulatorModule } from '../../src/core/provider-kit/simulator.js'
import { listen, type Listening } from '../../src/node/listen.js'
import { testGateway, type TestGateway } from './gateway.js'
import { loadSpec, recording, type ApiSpec } from './spec-check.js'
import { backgroundScope } from '../../src/core/request-scope.js'

type OAuthSimulator = SimulatorModule & { app: { fetch(r: Request): Response | Promise<Response> }; demoOAuth: NonNullable<SimulatorModule['demoOAuth']> }

export interface ProviderHarness<S> {
  sim: S
  url: string
  recorder: ReturnType<typeof recording>
  gw: TestGateway
  apiKey: string
  connectionId: string
  /** GET through the gateway on the harness connection. */
  get(path: string): Promise<Response>
  /** Every request recorded since the last check is valid per the specs (auth endpoints excepted). */
  expectRequestsValid(): void
  close(): Promise<void>
}

export async function providerHarness<S extends OAuthSimulator>(input: { provider: string; simulator: S; specs: string[]; exclude?: RegExp; quotas?: 'on' | 'off' }): Promise<ProviderHarness<S>> {
  const recorder = recording(input.simulator)
  const server: Listening = await listen(recorder.app)
  const specs: ApiSpec[] = input.specs.map((file) => loadSpec(file))
  let checked = 0
  const harness = {
    sim: input.simulator,
    url: server.url,
    recorder,
    gw: undefined as unknown as TestGateway,
    apiKey: '',
    connectionId: '',
    get(path: string) {
      return harness.gw.call(harness.apiKey, path, { connection: harness.connectionId })
    },
    expectRequestsValid() {
      const fresh = recorder.requests.slice(checked).filter((r) => !input.exclude?.test(new URL(r.url).pathname))
      checked = recorder.requests.length
      for (const request of fresh) {
        const verdicts = specs.map((spec) => spec.check(request))
        const matched = verdicts.find((problems) => !problems.some((p) => p.includes('no such operation')))
        expect(matched ?? verdicts.flat(), `${request.method} ${request.url}`).toEqual([])
      }
    },
    close: () => server.close(),
  }
  harness.gw = await testGateway({ ...(input.quotas ? { quotas: input.quotas } : {}), env: { [`KOPRU_PROVIDER_${input.provider.toUpperCase()}_BASE_URL`]: server.url } })
  const tenant = await harness.gw.tenant()
  harness.apiKey = tenant.apiKey
  const grant = input.simulator.demoOAuth.grant()
  const { connection } = await harness.gw.app.services.connections.authorize(
    { tenantId: tenant.id, provider: input.provider, environment: 'sandbox', credentials: grant.tokens, metadata: grant.metadata },
    backgroundScope('req_harness'),
  )
  harness.connectionId = connection.info.id
  return harness
}
