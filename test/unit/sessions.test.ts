import { describe, expect, it } from 'vitest'
import { createSessionStore } from '../../src/core/sessions.js'

describe('core session store (provider session tokens per connection)', () => {
  it('fetches once for concurrent callers, keeps the token until it expires', async () => {
    let now = 0
    let calls = 0
    const store = createSessionStore({ now: () => now })
    const obtain = async () => ({ token: `t${++calls}`, expiresAt: 1000 })
    expect(await Promise.all([store.token('conn_a', obtain), store.token('conn_a', obtain)])).toEqual(['t1', 't1'])
    now = 999
    expect(await store.token('conn_a', obtain)).toBe('t1')
    now = 1000
    expect(await store.token('conn_a', obtain)).toBe('t2')
  })

  it('drops only the token that failed, and forgets a connection when it is cleared (deleted)', async () => {
    let calls = 0
    const store = createSessionStore()
    const obtain = async () => ({ token: `t${++calls}`, expiresAt: Date.now() + 60_000 })
    expect(await store.token('conn_a', obtain)).toBe('t1')
    store.drop('conn_a', 'stale')
    expect(await store.token('conn_a', obtain)).toBe('t1')
    store.drop('conn_a', 't1')
    expect(await store.token('conn_a', obtain)).toBe('t2')
    store.clear('conn_a')
    expect(await store.token('conn_a', obtain)).toBe('t3')
  })

  it('keeps a token per login: new credentials being verified never use the session of the old ones; clear drops all', async () => {
    let calls = 0
    const store = createSessionStore()
    const obtain = async () => ({ token: `t${++calls}`, expiresAt: Date.now() + 60_000 })
    const old = { customer_number: '1', password: 'old' }
    expect(await store.token('conn_a', obtain, old)).toBe('t1')
    expect(await store.token('conn_a', obtain, { ...old, password: 'new' })).toBe('t2')
    expect(await store.token('conn_a', obtain, { ...old })).toBe('t1')
    store.drop('conn_a', 't1', { ...old, password: 'new' })
    expect(await store.token('conn_a', obtain, old)).toBe('t1')
    store.clear('conn_a')
    expect(await store.token('conn_a', obtain, old)).toBe('t3')
    expect(await store.token('conn_a', obtain, { ...old, password: 'new' })).toBe('t4')
  })
})
