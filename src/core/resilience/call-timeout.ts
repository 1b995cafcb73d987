import type { TransportResponse } from '../transport.js'

/**
 * The timeout of one upstream attempt: an abort signal that fires after `ms`, and whose timer is cleared as
 * soon as the answer has been read. `AbortSignal.timeout` would keep every timer (and its signal) alive for
 * the whole timeout, tens of thousands of them at a few thousand calls per second.
 */
export function callTimeout(ms: number, outer?: AbortSignal) {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'))
  }, ms)
  // Node: a pending call timer alone must not keep the process alive (Workers' timers are plain numbers).
  if (typeof timer === 'object' && 'unref' in timer) timer.unref()
  const onOuterAbort = () => controller.abort(outer!.reason)
  if (outer?.aborted) controller.abort(outer.reason)
  else outer?.addEventListener('abort', onOuterAbort, { once: true })
  const clear = () => {
    clearTimeout(timer)
    outer?.removeEventListener('abort', onOuterAbort)
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut
    },
    clear,
  }
}

export type CallTimeout = ReturnType<typeof callTimeout>

/**
 * The response with the timeout still covering its body: reading the text clears it; a streamed body
 * (the proxy) keeps it armed until the stream is done or the timeout fires.
 */
export function clearedWhenRead(response: TransportResponse, timeout: CallTimeout): TransportResponse {
  return {
    status: response.status,
    get headers() {
      return response.headers
    },
    get body() {
      return response.body
    },
    text: () => response.text().finally(timeout.clear),
    ...(response.header && { header: response.header }),
  }
}
