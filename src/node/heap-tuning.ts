/**
 * V8's heap sized for a long-running gateway. By default V8 lets the old generation grow up to 4× what survived
 * the last full collection before it collects again, for throughput; a gateway that serves many connections once
 * each (every first use caches the connection with its decrypted credentials and holds a quota window for
 * seconds) then keeps about twice its live heap reserved after the burst, returned only by V8's memory reducer
 * 10–20 s later. Growing by 2× at most: RSS 3 s after 100k connections used once 208 MB instead of 255–291 MB
 * for 2–5 % more CPU per order request and 5–21 % per 50-order page (1.5×: 180 MB; 3×: 242–248 MB at no cost). Measured in bench/RESULTS.md (wip/memory), with
 * the flags tried and left out (a smaller young generation saved ~25 MB for ~30 % CPU per request).
 */
import v8 from 'node:v8'

const SERVER_FLAGS = ['--heap-growing-percent=100']

const flagName = (arg: string) => arg.split('=')[0]!.replace(/_/g, '-')

/** The server flags the operator did not give Node themselves (theirs win). */
export function serverHeapFlags(execArgv: readonly string[]): string[] {
  const given = new Set(execArgv.map(flagName))
  return SERVER_FLAGS.filter((flag) => !given.has(flagName(flag)))
}

/** Node's flags as the operator gave them: on the command line or in NODE_OPTIONS (which is not in execArgv). */
export const givenNodeFlags = (env: Record<string, string | undefined> = process.env, execArgv: readonly string[] = process.execArgv) => [
  ...execArgv,
  ...(env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean),
]

/** Applies the server flags to this process; they take effect from the next collection on. */
export function tuneHeapForServer(execArgv: readonly string[] = givenNodeFlags()): string[] {
  const flags = serverHeapFlags(execArgv)
  for (const flag of flags) v8.setFlagsFromString(flag)
  return flags
}
