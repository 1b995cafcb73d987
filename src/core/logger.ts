import { scrubSecrets, secretKeyName, type SecretSource } from './secrets.js'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  /** Whether lines of this level are written: a hot path skips building the fields of a line nobody reads. */
  enabled?(level: LogLevel): boolean
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

/**
 * Methods on a prototype rather than closures per logger: every request makes children (request id,
 * then provider and connection), and a child must cost no more than one small object.
 */
class JsonLogger implements Logger {
  constructor(
    private readonly level: LogLevel,
    private readonly sink: LogSink,
    private readonly bindings: Record<string, unknown>,
    private readonly secrets: readonly SecretSource[],
  ) {}

  enabled(lvl: LogLevel): boolean {
    return rank[lvl] >= rank[this.level]
  }
  private write(lvl: LogLevel, message: string, fields?: Record<string, unknown>) {
    if (rank[lvl] < rank[this.level]) return
    let line = JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...(redact({ ...this.bindings, ...fields }) as object) })
    // drizzle's query errors append the bound parameters (values, possibly secrets) to message and stack.
    if (line.includes('\\nparams: ')) line = line.replace(queryParams, '\\nparams: [omitted]')
    this.sink(scrubSecrets(line, this.secrets))
  }
  debug(message: string, fields?: Record<string, unknown>) {
    this.write('debug', message, fields)
  }
  info(message: string, fields?: Record<string, unknown>) {
    this.write('info', message, fields)
  }
  warn(message: string, fields?: Record<string, unknown>) {
    this.write('warn', message, fields)
  }
  error(message: string, fields?: Record<string, unknown>) {
    this.write('error', message, fields)
  }
  child(more: Record<string, unknown>, moreSecrets: readonly SecretSource[] = []): Logger {
    const secrets = moreSecrets.length === 0 ? this.secrets : [...this.secrets, ...moreSecrets]
    return new JsonLogger(this.level, this.sink, { ...this.bindings, ...more }, secrets)
  }
}

export function createLogger({
  level = 'info',
  sink = (line: string) => console.log(line),
  bindings = {},
  secrets = [],
}: { level?: LogLevel; sink?: LogSink; bindings?: Record<string, unknown>; secrets?: readonly SecretSource[] } = {}): Logger {
  return new JsonLogger(level, sink, bindings, secrets)
}
