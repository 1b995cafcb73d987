import { seedDemo } from '../../src/node/demo.js'
import { startSimulators, type RunningSimulators } from '../../src/node/simulators.js'
import { providers } from '../../providers/index.js'
import { testGateway, type TestGateway } from './gateway.js'

export interface DemoGateway {
  gw: TestGateway
  apiKey: string
  /** Demo connection id per provider id. */
  connectionOf: Record<string, string>
  simulators: RunningSimulators
}

/** A test gateway with every built-in simulator running and the demo tenant seeded (a connection per provider). */
export async function demoGateway(): Promise<DemoGateway> {
  const simulators = await startSimulators(providers)
  const gw = await testGateway({ simulatorUrls: simulators.urls, publicUrl: 'http://kopru.test' })
  const demo = await seedDemo(gw.app, simulators, 'http://kopru.test')
  return {
    gw,
    apiKey: demo.apiKey,
    connectionOf: Object.fromEntries(demo.connections.map((c) => [c.provider, c.id])),
    simulators,
  }
}
