/** autocannon rounds and the tables the bench prints. */
import { createRequire } from 'node:module'
import os from 'node:os'

export interface CannonResult {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number; average: number }
  non2xx: number
  errors: number
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Promise<CannonResult>

export interface Target {
  name: string
  url: string
  headers: Record<string, string>
}

export interface Round {
  target: string
  rps: number
  p50: number
  p99: number
  failed: number
  /** 1-minute load average when the round started (the machine is shared). */
  load: number
  /** 2xx answers in the round. */
  answered?: number
}

export async function round(target: Target, connections: number, duration: number): Promise<Round> {
  const load = os.loadavg()[0]!
  const r = await autocannon({ url: target.url, headers: target.headers, connections, duration })
  return { target: target.name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r.non2xx + r.errors, load, answered: r.requests.total - r.non2xx }
}

export const warmUp = (target: Target, connections: number, duration: number) =>
  autocannon({ url: target.url, headers: target.headers, connections, duration })

export const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')

export const fixed = (n: number, digits = 0) => n.toFixed(digits)

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
