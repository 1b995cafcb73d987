import postgres from 'postgres'
import { demoSimulators } from '../db/schema.js'
import type { Database } from '../db/types.js'
import type { RunningSimulators } from './simulators.js'

/** Advisory lock held for its lifetime by the demo instance whose simulators the others use. */
const DEMO_HOST_LOCK = 7_106_921_438

export interface DemoHosting {
  /** Set on the instance that runs the simulators (and seeds); absent on the instances that reuse them. */
  simulators?: RunningSimulators
  urls: Record<string, string>
  release(): Promise<void>
}

/**
 * Demo mode on one PostgreSQL shared by several instances: simulators forget grants across processes, so
 * each instance re-seeding with its own simulators would invalidate the others' tokens. One instance — the
 * holder of a session advisory lock — runs the simulators, publishes their URLs and seeds; the others send
 * their sandbox calls to those simulators and reuse the demo tenant. PGlite is one process: it always hosts.
 */
export async function hostOrJoinDemo(
  databaseUrl: string | undefined,
  db: Database,
  start: () => Promise<RunningSimulators>,
  waitMs = 60_000,
): Promise<DemoHosting> {
  if (!databaseUrl) {
    const simulators = await start()
    return { simulators, urls: simulators.urls, release: async () => undefined }
  }
  const lock = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  const [row] = await lock<{ held: boolean }[]>`select pg_try_advisory_lock(${DEMO_HOST_LOCK}) as held`
  if (row?.held) {
    const simulators = await start()
    const now = new Date()
    await db
      .insert(demoSimulators)
      .values({ id: 1, urls: simulators.urls, updatedAt: now })
      .onConflictDoUpdate({ target: demoSimulators.id, set: { urls: simulators.urls, updatedAt: now } })
    return { simulators, urls: simulators.urls, release: () => lock.end({ timeout: 5 }) }
  }
  await lock.end({ timeout: 5 })
  const deadline = Date.now() + waitMs
  for (;;) {
    const [published] = await db.select().from(demoSimulators)
    // A row left by an earlier host that died points at nothing: wait for the live host's own.
    if (published && (await answers(Object.values(published.urls)[0]))) return { urls: published.urls, release: async () => undefined }
    if (Date.now() > deadline) throw new Error('another kopru demo instance holds the demo lock but published no simulators; start with KOPRU_DEMO=0')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

const answers = (url: string | undefined) =>
  url ? fetch(url, { signal: AbortSignal.timeout(2000) }).then(() => true, () => false) : Promise.resolve(false)
