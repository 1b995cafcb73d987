import { AsyncLocalStorage } from 'node:async_hooks'
import type { Database } from '../db/types.js'

/** What one Worker invocation (a request or a cron tick) owns: its database client and its `waitUntil`. */
export interface Invocation {
  db: Database
  waitUntil(promise: Promise<unknown>): void
}

// Workers cannot share a socket between invocations, so the gateway built once per isolate reaches the
// current invocation's client through this store (node:async_hooks is part of nodejs_compat).
const current = new AsyncLocalStorage<Invocation>()

export const runInvocation = <T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> => current.run(invocation, fn)

/** A Database whose every call goes to the current invocation's client. */
export const invocationDb = new Proxy({} as Database, {
  get(_target, property) {
    const db = current.getStore()?.db
    if (!db) throw new Error('database used outside a Worker invocation')
    const value = (db as unknown as Record<PropertyKey, unknown>)[property]
    return typeof value === 'function' ? value.bind(db) : value
  },
})

/** Runs work past the response within the current invocation's lifetime; failures are the work's own business. */
export function background(promise: Promise<unknown>): void {
  const quiet = promise.catch(() => {})
  current.getStore()?.waitUntil(quiet)
}
