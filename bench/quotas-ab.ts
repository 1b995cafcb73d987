/**
 * Issue 14: quotas on within 10 % of quotas off. The overhead bench's single on/off pair swung ±10 % round to round
 * (one kopru process against another, and the one started first is slower), so the figure comes from
 * bench/gateway-ab.ts: two gateways of each setting, alternated. Quotas on is the default: a limiter slot per
 * call (Trendyol's orders window, raised so the bench never waits), off skips the limiter entirely.
 * `BENCH_ONLY=quotas npm run bench`.
 */
import { gatewayAB } from './gateway-ab.js'

export const quotasCost = () =>
  gatewayAB({
    title: 'Quotas on against off over HTTP (call log on, PGlite in memory per gateway)',
    a: { name: 'quotas on', options: { quotas: 'on' } },
    b: { name: 'quotas off', options: { quotas: 'off' } },
    question: 'Quotas on ÷ off (target: within 10 %)',
  })
