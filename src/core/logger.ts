import { scrubSecrets, secretKeyName, type SecretSource } from './secrets.js'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  /** A logger with more bindings; `secrets` adds values scrubbed from every line it writes (by value, not key). */
  child(bindings: Record<string, unknown>, secrets?: readonly SecretSource[]): Logger
}

const secretKey = secretKeyName
/** `\nparams: …` inside a JSON string, up to its closing quote. */
const queryParams = /\\nparams: (?:[^"\\]|\\[^n])*/g

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
  secrets = [],
}: { level?: LogLevel; sink?: LogSink; bindings?: Record<string, unknown>; secrets?: readonly SecretSource[] } = {}): Logger {
  const write = (lvl: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (rank[lvl] < rank[level]) return
    let line = JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...(redact({ ...bindings, ...fields }) as object) })
    // drizzle's query errors append the bound parameters (values, possibly secrets) to message and stack.
    if (line.includes('\\nparams: ')) line = line.replace(queryParams, '\\nparams: [omitted]')
    sink(scrubSecrets(line, secrets))
  }
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (more, moreSecrets = []) => createLogger({ level, sink, bindings: { ...bindings, ...more }, secrets: [...secrets, ...moreSecrets] }),
  }
}
