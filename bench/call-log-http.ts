/**
 * The call log's cost on the hot path over HTTP (issue 18: ≤ 5 % of unified-call throughput): gateways with the
 * call log on (the default) against gateways with `KOPRU_CALL_LOG=off`, quotas off (bench/gateway-ab.ts). Runs on
 * PGlite, and again on PostgreSQL when `DATABASE_URL` is set (the server's own CPU is then outside the gateway's
 * process). 8 rounds unless BENCH_ROUNDS says: the cost sought (≤ 5 %) is smaller than
 * one round's spread. `BENCH_ONLY=calllog npm run bench`.
 */
import { gatewayAB } from './gateway-ab.js'
import { createScratchDatabase, dropScratchDatabase } from './scratch-db.js'

type Store = 'pglite' | 'postgres'
const storeName: Record<Store, string> = {
  pglite: 'PGlite in memory per gateway, on its own thread',
  postgres: 'PostgreSQL on this machine, a scratch database per gateway',
}

/** On PGlite (the embedded default), and on PostgreSQL too when `DATABASE_URL` names a server. */
export async function callLogCost(): Promise<string> {
  const sections = [await callLogCostOn('pglite')]
  if (process.env.DATABASE_URL) sections.push(await callLogCostOn('postgres'))
  return sections.join('\n\n')
}

async function callLogCostOn(store: Store): Promise<string> {
  const serverUrl = process.env.DATABASE_URL!
  const scratch = (i: number) => `kopru_bench_call_log_${process.pid}_${i}`
  try {
    return await gatewayAB({
      title: `Call log cost over HTTP (quotas off, ${storeName[store]})`,
      a: { name: 'call log on', options: { quotas: 'off' } },
      b: { name: 'call log off', options: { quotas: 'off', callLog: 'off' } },
      question: 'Call log on ÷ off (target: a cost ≤ 5 %)',
      rounds: 8,
      perGateway: async (i) => (store === 'postgres' ? { databaseUrl: await createScratchDatabase(serverUrl, scratch(i)) } : {}),
    })
  } finally {
    if (store === 'postgres') for (const i of [0, 1, 2, 3]) await dropScratchDatabase(serverUrl, scratch(i))
  }
}
