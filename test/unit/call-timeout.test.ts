import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { callTimeout, clearedWhenRead } from '../../src/core/resilience/call-timeout.js'
import type { TransportResponse } from '../../src/core/transport.js'

describe('callTimeout', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('aborts with a TimeoutError once the time is up', () => {
    const timeout = callTimeout(1000)
    vi.advanceTimersByTime(999)
    expect(timeout.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(timeout.signal.aborted).toBe(true)
    expect(timeout.timedOut).toBe(true)
    expect((timeout.signal.reason as DOMException).name).toBe('TimeoutError')
  })

  it('holds no timer once cleared', () => {
    const timeout = callTimeout(1000)
    expect(vi.getTimerCount()).toBe(1)
    timeout.clear()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(5000)
    expect(timeout.signal.aborted).toBe(false)
  })

  it("follows the caller's signal without calling it a timeout", () => {
    const caller = new AbortController()
    const timeout = callTimeout(1000, caller.signal)
    caller.abort(new Error('client went away'))
    expect(timeout.signal.aborted).toBe(true)
    expect(timeout.timedOut).toBe(false)
  })

  it('is cleared when the answer has been read, and not before', async () => {
    const timeout = callTimeout(1000)
    let release!: (text: string) => void
    const response: TransportResponse = {
      status: 200,
      headers: new Headers({ 'content-type': 'application/json' }),
      body: null,
      text: () => new Promise((resolve) => (release = resolve)),
    }
    const wrapped = clearedWhenRead(response, timeout)
    expect(wrapped.headers.get('content-type')).toBe('application/json')
    const reading = wrapped.text()
    expect(vi.getTimerCount()).toBe(1)
    release('{}')
    expect(await reading).toBe('{}')
    expect(vi.getTimerCount()).toBe(0)
  })
})
