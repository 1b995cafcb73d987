/**
 * What a provider's answer says about its quota, read from the headers providers actually send:
 * - `Retry-After` (RFC 9110: delay-seconds or an HTTP-date) on 429 and 503;
 * - `RateLimit-Remaining`/`RateLimit-Reset` (IETF draft) and `X-RateLimit-Remaining`/`X-RateLimit-Reset`
 *   (reset as seconds from now, or as epoch seconds when it is larger than a day — both forms exist);
 * - Shopify's `X-Shopify-Shop-Api-Call-Limit: 39/40` (leaky bucket: a full bucket drains 2 calls/s
 *   on standard plans, see shopify.dev "REST Admin API rate limits");
 * - Amazon SP-API's `x-amzn-RateLimit-Limit: 0.5` (requests per second granted to this selling partner
 *   for the operation, see "Usage Plans and Rate Limits in the Selling Partner API").
 */
export interface QuotaFeedback {
  /** Do not call this group again before this instant (epoch ms). */
  pauseUntil?: number
  /** The provider granted fewer requests per second than declared. */
  ratePerSecond?: number
}

const DAY_SECONDS = 86_400

/** `Retry-After` as milliseconds from `now`, or undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function resetMs(value: string | null, now: number): number | undefined {
  if (!value || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined
  const seconds = Number(value.trim())
  return seconds > DAY_SECONDS ? Math.max(0, seconds * 1000 - now) : seconds * 1000
}

export function readQuotaFeedback(status: number, headers: Pick<Headers, 'get'>, now = Date.now()): QuotaFeedback {
  const feedback: QuotaFeedback = {}
  const pauseFor = (ms: number) => {
    const until = now + ms
    if (!feedback.pauseUntil || until > feedback.pauseUntil) feedback.pauseUntil = until
  }
  const retryAfter = retryAfterMs(headers.get('retry-after'), now)
  if (status === 429 || status === 503) {
    if (retryAfter !== undefined) pauseFor(retryAfter)
    else if (status === 429) pauseFor(1000)
  }
  const remaining = headers.get('ratelimit-remaining') ?? headers.get('x-ratelimit-remaining')
  if (remaining !== null && Number(remaining) <= 0) {
    pauseFor(resetMs(headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset'), now) ?? 1000)
  }
  const shopify = /^(\d+)\/(\d+)$/.exec(headers.get('x-shopify-shop-api-call-limit')?.trim() ?? '')
  if (shopify && Number(shopify[1]) >= Number(shopify[2])) pauseFor(500)
  const amazon = Number(headers.get('x-amzn-ratelimit-limit'))
  if (amazon > 0 && Number.isFinite(amazon)) feedback.ratePerSecond = amazon
  return feedback
}
