import { callTimeout, clearedWhenRead } from './resilience/call-timeout.js'

/** How upstream bytes move: `fetch` at the edge, undici keep-alive pools on Node (src/node/). */
export interface TransportRequest {
  url: URL
  method: string
  headers: Headers
  body?: string | Uint8Array | ReadableStream<Uint8Array> | null
  /** The caller's own abort (its client went away, its own deadline); absent for most provider calls. */
  signal?: AbortSignal
  /**
   * The attempt's deadline: no answer read in full within this many ms (a streamed body: until it is done) fails
   * the attempt with a `TimeoutError`, as `AbortSignal.timeout` does. Each transport keeps it its cheapest way
   * (on Node, without an `AbortController` per call).
   */
  timeoutMs?: number
}

export interface TransportResponse {
  status: number
  headers: Headers
  body: ReadableStream<Uint8Array> | null
  text(): Promise<string>
  /** One header without building `headers` (Node fast path; `headers.get` where absent). */
  header?(name: string): string | null
}

/** A response header by name, the cheap way when the transport offers one. */
export const responseHeader = (response: TransportResponse, name: string): string | null =>
  response.header ? response.header(name) : response.headers.get(name)


export type Transport = (request: TransportRequest) => Promise<TransportResponse>

/** A `TimeoutError` is how every transport says the attempt's `timeoutMs` (or an `AbortSignal.timeout`) ran out. */
export const isTimeout = (error: unknown): boolean => (error as Error | null)?.name === 'TimeoutError'

export const fetchTransport: Transport = async ({ url, method, headers, body, signal, timeoutMs }) => {
  const timeout = timeoutMs === undefined ? undefined : callTimeout(timeoutMs, signal)
  const init = {
    method,
    headers,
    body: body ?? undefined,
    signal: timeout?.signal ?? signal,
    redirect: 'manual',
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit
  if (!timeout) return fetch(url, init)
  try {
    return clearedWhenRead(await fetch(url, init), timeout)
  } catch (error) {
    timeout.clear()
    throw error
  }
}
