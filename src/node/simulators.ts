import type { ProviderDefinition } from '../core/provider-kit/types.js'
import type { SimulatorModule } from '../core/provider-kit/simulator.js'
import { listen, type Listening } from './listen.js'

export interface RunningSimulators {
  urls: Record<string, string>
  modules: Record<string, SimulatorModule>
  close(): Promise<void>
}

/** Starts every provider's simulator as a real HTTP server on a free loopback port. */
export async function startSimulators(providers: readonly ProviderDefinition[]): Promise<RunningSimulators> {
  const servers: Listening[] = []
  const urls: Record<string, string> = {}
  const modules: Record<string, SimulatorModule> = {}
  for (const provider of providers) {
    if (!provider.simulator) continue
    const simulator = (await provider.simulator()) as SimulatorModule
    const server = await listen(simulator.app)
    servers.push(server)
    urls[provider.id] = server.url
    modules[provider.id] = simulator
  }
  return { urls, modules, close: async () => void (await Promise.all(servers.map((s) => s.close()))) }
}
