import { EventEmitter } from 'node:events'
import { Readable } from 'node:stream'
import { Agent } from 'undici'
import type { Transport, TransportResponse } from '../core/transport.js'

/**
 * Upstream transport over undici keep-alive pools (one pool per origin inside the Agent).
 * Measured ~3x the throughput of global fetch on this project's machines (see bench/RESULTS.md).
 */
export function createUndiciTransport({
  connections = 64,
  keepAliveTimeout = 30_000,
}: { connections?: number; keepAliveTimeout?: number } = {}): Transport & { close(): Promise<void> } {
  const agent = new Agent({ connections, keepAliveTimeout, pipelining: 1 })
  const transport: Transport = async ({ url, method, headers, body, signal, timeoutMs }) => {
    const outgoing: Record<string, string> = {}
    headers.forEach(copyHeader, outgoing)
    const deadline = timeoutMs === undefined ? undefined : new AttemptDeadline(timeoutMs, signal)
    try {
      const response = await agent.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: method as 'GET',
        headers: outgoing,
        body: body instanceof ReadableStream ? Readable.fromWeb(body as never) : (body ?? undefined),
        signal: deadline ?? signal,
      })
      return new UndiciAnswer(response, deadline)
    } catch (error) {
      deadline?.clear()
      throw error
    }
  }
  return Object.assign(transport, { close: () => agent.close() })
}

function copyHeader(this: Record<string, string>, value: string, key: string) {
  this[key] = value
}

type UndiciResponse = Awaited<ReturnType<Agent['request']>>

/** An answer as kopru's transports give it; a class, so a call makes one object rather than four closures. */
class UndiciAnswer implements TransportResponse {
  readonly status: number
  #headers: Headers | undefined
  #consumed = false

  constructor(
    private readonly response: UndiciResponse,
    private readonly deadline: AttemptDeadline | undefined,
  ) {
    this.status = response.statusCode
  }

  // Made on first use: undici hands over a plain object, and most calls only look at content-type.
  get headers(): Headers {
    return (this.#headers ??= toHeaders(this.response.headers))
  }

  header(name: string): string | null {
    const value = this.response.headers[name.toLowerCase()]
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#consumed) return null
    this.#consumed = true
    return webStream(this.response.body, this.deadline)
  }

  text(): Promise<string> {
    return this.deadline ? clearedAfter(this.response.body.text(), this.deadline) : this.response.body.text()
  }
}

async function clearedAfter<T>(reading: Promise<T>, deadline: AttemptDeadline): Promise<T> {
  try {
    return await reading
  } finally {
    deadline.clear()
  }
}

/**
 * The attempt's `timeoutMs` as undici's documented other kind of `signal`, an EventEmitter with `aborted` and
 * `reason`: an `AbortController` per call (and undici's listener on its EventTarget) cost ≈ 7 µs of a ≈ 260 µs
 * call, a timer and an emitter ≈ 0.4 µs. The caller's own signal, when there is one, aborts it too.
 */
class AttemptDeadline extends EventEmitter {
  aborted = false
  reason: unknown = undefined
  readonly #timer: ReturnType<typeof setTimeout>
  readonly #outer: AbortSignal | undefined
  #onOuterAbort: (() => void) | undefined

  constructor(ms: number, outer: AbortSignal | undefined) {
    super()
    this.#timer = setTimeout(expire, ms, this, ms)
    // A pending call timer alone must not keep the process alive.
    this.#timer.unref()
    this.#outer = outer
    if (outer?.aborted) this.abort(outer.reason)
    else if (outer) {
      this.#onOuterAbort = () => this.abort(outer.reason)
      outer.addEventListener('abort', this.#onOuterAbort, { once: true })
    }
  }

  abort(reason: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    this.clear()
    this.emit('abort')
  }

  clear(): void {
    clearTimeout(this.#timer)
    if (this.#onOuterAbort) this.#outer?.removeEventListener('abort', this.#onOuterAbort)
  }
}

const expire = (deadline: AttemptDeadline, ms: number) => deadline.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'))

/** undici's body as a web stream; the deadline is cleared once it has been read to the end or cancelled. */
function webStream(body: UndiciResponse['body'], deadline: AttemptDeadline | undefined): ReadableStream<Uint8Array> {
  // Readable.toWeb on Node 20 can enqueue after close under load ("Controller is already closed",
  // an uncaught crash); pulling from the async iterator keeps the web stream in step.
  const chunks = body[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<unknown>
      try {
        next = await chunks.next()
      } catch (error) {
        deadline?.clear()
        throw error
      }
      if (next.done) {
        deadline?.clear()
        controller.close()
      } else controller.enqueue(new Uint8Array(next.value as Buffer))
    },
    cancel(reason) {
      deadline?.clear()
      body.destroy(reason instanceof Error ? reason : undefined)
    },
  })
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers()
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(key, item)
    else if (value !== undefined) headers.set(key, value)
  }
  return headers
}
