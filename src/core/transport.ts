/** How upstream bytes move: `fetch` at the edge, undici keep-alive pools on Node (src/node/). */
export interface TransportRequest {
  url: URL
  method: string
  headers: Headers
  body?: string | Uint8Array | ReadableStream<Uint8Array> | null
  signal: AbortSignal
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

export const fetchTransport: Transport = async ({ url, method, headers, body, signal }) => {
  const response = await fetch(url, {
    method,
    headers,
    body: body ?? undefined,
    signal,
    redirect: 'manual',
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit)
  return response
}
