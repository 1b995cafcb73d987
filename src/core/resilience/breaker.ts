import { KopruError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { GatewayMetrics } from '../metrics.js'

export interface BreakerOptions {
  /** Consecutive failures (unreachable, timeout, 5xx) that open the circuit. */
  failureThreshold?: number
  /** How long an open circuit fails fast before letting one probe through. */
  openMs?: number
  now?: () => number
}

type State = 'closed' | 'open' | 'half_open'
const stateValue: Record<State, number> = { closed: 0, half_open: 1, open: 2 }

interface Circuit {
  provider: string
  host: string
  state: State
  failures: number
  openedAt: number
  probing: boolean
}

export interface BreakerPermit {
  success(): void
  failure(): void
  /** The attempt ended without telling anything about the provider's health (e.g. a quota refusal). */
  cancel(): void
}

interface PermitRules {
  failureThreshold: number
  log: Logger
  open(circuit: Circuit): void
}

/** One attempt's permit; a class, so an attempt makes one small object rather than three closures and their context. */
class Permit implements BreakerPermit {
  #settled = false

  constructor(
    private readonly circuit: Circuit,
    private readonly probe: boolean,
    private readonly rules: PermitRules,
  ) {}

  success() {
    if (this.#settled) return
    this.#settled = true
    const { circuit } = this
    if (circuit.state !== 'closed') this.rules.log.info('provider circuit closed', { provider: circuit.provider, host: circuit.host })
    circuit.state = 'closed'
    circuit.failures = 0
    circuit.probing = false
  }

  failure() {
    if (this.#settled) return
    this.#settled = true
    const { circuit } = this
    circuit.failures++
    if (this.probe || circuit.state === 'half_open' || circuit.failures >= this.rules.failureThreshold) this.rules.open(circuit)
  }

  cancel() {
    if (this.#settled) return
    this.#settled = true
    if (this.probe) this.circuit.probing = false
  }
}

/**
 * One circuit per (provider, host), in this process. Closed: calls flow and consecutive failures are
 * counted. Open: calls fail at once with `provider_unavailable` and an honest `Retry-After`, so nobody
 * piles up behind a dead provider. After `openMs` one probe goes through (half-open); its success closes
 * the circuit, its failure opens it for another `openMs`.
 */
export function createBreakers({ metrics, log, options = {} }: { metrics: GatewayMetrics; log: Logger; options?: BreakerOptions }) {
  const failureThreshold = options.failureThreshold ?? 5
  const openMs = options.openMs ?? 5_000
  const now = options.now ?? (() => Date.now())
  // By provider, then host: no key string built per call.
  const circuits = new Map<string, Map<string, Circuit>>()

  function circuitFor(provider: string, host: string): Circuit {
    let hosts = circuits.get(provider)
    if (!hosts) circuits.set(provider, (hosts = new Map()))
    let circuit = hosts.get(host)
    if (!circuit) {
      circuit = { provider, host, state: 'closed', failures: 0, openedAt: 0, probing: false }
      hosts.set(host, circuit)
    }
    return circuit
  }

  function open(circuit: Circuit) {
    if (circuit.state !== 'open') {
      metrics.circuitOpened.inc({ provider: circuit.provider, host: circuit.host })
      log.warn('provider circuit opened', { provider: circuit.provider, host: circuit.host, failures: circuit.failures })
    }
    circuit.state = 'open'
    circuit.openedAt = now()
    circuit.probing = false
  }
  const rules: PermitRules = { failureThreshold, log, open }

  return {
    /** Throws `provider_unavailable` while the circuit is open; otherwise hands out a permit to report back on. */
    permit(provider: string, providerName: string, host: string): BreakerPermit {
      const circuit = circuitFor(provider, host)
      if (circuit.state === 'open' && now() - circuit.openedAt >= openMs) {
        circuit.state = 'half_open'
        circuit.probing = false
      }
      const probe = circuit.state === 'half_open' && !circuit.probing
      if (circuit.state === 'open' || (circuit.state === 'half_open' && !probe)) {
        metrics.circuitRejections.inc({ provider, host })
        const waitMs = circuit.state === 'open' ? openMs - (now() - circuit.openedAt) : 1000
        throw new KopruError('provider_unavailable', `${providerName} is failing; calls are paused while it recovers`, {
          provider: { id: provider },
          headers: { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) },
        })
      }
      if (probe) circuit.probing = true
      return new Permit(circuit, probe, rules)
    },
    state(provider: string, host: string): State {
      return circuits.get(provider)?.get(host)?.state ?? 'closed'
    },
    collect() {
      for (const circuit of [...circuits.values()].flatMap((hosts) => [...hosts.values()])) {
        const state = circuit.state === 'open' && now() - circuit.openedAt >= openMs ? 'half_open' : circuit.state
        metrics.circuitState.set({ provider: circuit.provider, host: circuit.host }, stateValue[state])
      }
    },
  }
}

export type Breakers = ReturnType<typeof createBreakers>
