/**
 * A small Prometheus registry (text exposition format 0.0.4), Web-standard so it runs at the edge too.
 * Label values are bounded by design: routes are templates, providers and operations come from the
 * registry, statuses are HTTP codes; tenant and connection ids are never labels.
 */
type Labels = Record<string, string>

const escapeValue = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
/** The series key: label values joined (a loop, not map + join: it runs several times per request). */
function labelKey(names: readonly string[], labels: Labels): string {
  let key = ''
  for (let i = 0; i < names.length; i++) key += (i === 0 ? '' : '\u0001') + (labels[names[i]!] ?? '')
  return key
}
const renderLabels = (names: readonly string[], values: string[], extra = '') => {
  const parts = names.map((name, i) => `${name}="${escapeValue(values[i] ?? '')}"`)
  if (extra) parts.push(extra)
  return parts.length ? `{${parts.join(',')}}` : ''
}

interface Metric {
  render(): string
}

export interface Counter<L extends string = string> {
  inc(labels?: Partial<Record<L, string>>, by?: number): void
}
export interface Gauge<L extends string = string> {
  set(labels: Partial<Record<L, string>>, value: number): void
}
export interface Histogram<L extends string = string> {
  observe(labels: Partial<Record<L, string>>, value: number): void
}

export const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

const header = (name: string, help: string, type: string) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`

function counterOf<L extends string>(metrics: Metric[], name: string, help: string, labelNames: readonly L[]): Counter<L> {
  const values = new Map<string, { labels: string[]; value: number }>()
  metrics.push({
    render: () =>
      header(name, help, 'counter') +
      [...values.values()].map((v) => `${name}${renderLabels(labelNames, v.labels)} ${v.value}\n`).join(''),
  })
  return {
    inc(labels = {}, by = 1) {
      const key = labelKey(labelNames, labels as Labels)
      const entry = values.get(key)
      if (entry) entry.value += by
      else values.set(key, { labels: labelNames.map((n) => (labels as Labels)[n] ?? ''), value: by })
    },
  }
}

function gaugeOf<L extends string>(metrics: Metric[], name: string, help: string, labelNames: readonly L[]): Gauge<L> & { reset(): void } {
  const values = new Map<string, { labels: string[]; value: number }>()
  metrics.push({
    render: () =>
      header(name, help, 'gauge') +
      [...values.values()].map((v) => `${name}${renderLabels(labelNames, v.labels)} ${v.value}\n`).join(''),
  })
  return {
    set(labels, value) {
      values.set(labelKey(labelNames, labels as Labels), { labels: labelNames.map((n) => (labels as Labels)[n] ?? ''), value })
    },
    reset: () => values.clear(),
  }
}

function histogramOf<L extends string>(
  metrics: Metric[],
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: readonly number[] = latencyBuckets,
): Histogram<L> {
  const values = new Map<string, { labels: string[]; counts: number[]; sum: number; count: number }>()
  metrics.push({
    render: () => {
      let out = header(name, help, 'histogram')
      for (const v of values.values()) {
        let cumulative = 0
        buckets.forEach((bound, i) => {
          cumulative += v.counts[i]!
          out += `${name}_bucket${renderLabels(labelNames, v.labels, `le="${bound}"`)} ${cumulative}\n`
        })
        out += `${name}_bucket${renderLabels(labelNames, v.labels, 'le="+Inf"')} ${v.count}\n`
        out += `${name}_sum${renderLabels(labelNames, v.labels)} ${v.sum}\n`
        out += `${name}_count${renderLabels(labelNames, v.labels)} ${v.count}\n`
      }
      return out
    },
  })
  return {
    observe(labels, value) {
      const key = labelKey(labelNames, labels as Labels)
      let entry = values.get(key)
      if (!entry) {
        entry = { labels: labelNames.map((n) => (labels as Labels)[n] ?? ''), counts: buckets.map(() => 0), sum: 0, count: 0 }
        values.set(key, entry)
      }
      const slot = buckets.findIndex((bound) => value <= bound)
      if (slot >= 0) entry.counts[slot]!++
      entry.sum += value
      entry.count++
    },
  }
}

/** Counters, gauges and histograms rendered together in the text exposition format. */
export function createMetricRegistry() {
  const metrics: Metric[] = []
  const collectors: (() => void)[] = []
  return {
    counter: <L extends string>(name: string, help: string, labelNames: readonly L[]) => counterOf(metrics, name, help, labelNames),
    gauge: <L extends string>(name: string, help: string, labelNames: readonly L[]) => gaugeOf(metrics, name, help, labelNames),
    histogram: <L extends string>(name: string, help: string, labelNames: readonly L[], buckets?: readonly number[]) =>
      histogramOf(metrics, name, help, labelNames, buckets),
    /** Runs before every scrape: gauges computed from live state (queues, circuits). */
    collect(fn: () => void) {
      collectors.push(fn)
    },
    render(): string {
      for (const fn of collectors) fn()
      return metrics.map((m) => m.render()).join('')
    },
  }
}

/** The gateway's metrics. */
export function createMetrics() {
  const registry = createMetricRegistry()
  const { counter, gauge, histogram } = registry
  return {
    registry,
    httpRequests: counter('kopru_http_requests_total', 'Requests answered by the gateway', ['route', 'method', 'provider', 'operation', 'status']),
    upstreamRequests: counter('kopru_upstream_requests_total', 'Requests sent to providers, by outcome', ['provider', 'operation', 'status']),
    upstreamLatency: histogram('kopru_upstream_request_duration_seconds', 'Provider response time per attempt', ['provider', 'operation']),
    quotaWait: histogram('kopru_quota_wait_seconds', 'Time a request waited for a quota slot', ['provider', 'group']),
    quotaQueueDepth: gauge('kopru_quota_queue_depth', 'Requests waiting for a quota slot in this process', ['provider', 'group']),
    quotaRejections: counter('kopru_quota_rejections_total', 'Requests answered rate_limited because the quota could not serve them in time', ['provider', 'group']),
    quotaPauses: counter('kopru_quota_pauses_total', 'Quota groups paused on the provider\'s word (429, Retry-After, rate-limit headers)', ['provider', 'group']),
    retries: counter('kopru_upstream_retries_total', 'Automatic retries of provider calls', ['provider', 'operation', 'reason']),
    circuitState: gauge('kopru_circuit_state', 'Circuit per provider host: 0 closed, 1 half-open, 2 open', ['provider', 'host']),
    circuitOpened: counter('kopru_circuit_opened_total', 'Times a provider circuit opened', ['provider', 'host']),
    circuitRejections: counter('kopru_circuit_rejections_total', 'Calls failed fast while a provider circuit was open', ['provider', 'host']),
    /** For the token-refresh machinery: `metrics.tokenRefreshes.inc({ provider, outcome: 'ok' | 'failed' | 'needs_reauth' })`. */
    tokenRefreshes: counter('kopru_token_refreshes_total', 'OAuth token refreshes by outcome', ['provider', 'outcome']),
  }
}

export type GatewayMetrics = ReturnType<typeof createMetrics>
