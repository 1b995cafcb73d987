export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  child(bindings: Record<string, unknown>): Logger
}

const secretKey = /secret|password|passwd|token|authorization|api_?key|apikey|credential|cookie|signature/i

/** Replaces values under secret-looking keys, at any depth, before anything is written. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    out[key] = secretKey.test(key) ? '[redacted]' : redact(inner, depth + 1)
  }
  return out
}

export type LogSink = (line: string) => void

export function createLogger({
  level = 'info',
  sink = (line: string) => console.log(line),
  bindings = {},
}: { level?: LogLevel; sink?: LogSink; bindings?: Record<string, unknown> } = {}): Logger {
  const write = (lvl: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (rank[lvl] < rank[level]) return
    sink(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...(redact({ ...bindings, ...fields }) as object) }))
  }
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (more) => createLogger({ level, sink, bindings: { ...bindings, ...more } }),
  }
}
