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
}

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
