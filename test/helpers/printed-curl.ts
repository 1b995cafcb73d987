import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * Runs a printed `curl …` line the way a user's shell reads it, then makes the request with fetch: bash splits the
 * words with `failglob` on, so an unquoted `?` or `*` fails as it does in zsh (macOS's shell: "no matches found"),
 * and an unquoted `&` would end the command. `curl` here is a shell function that hands back its arguments.
 */
export async function runPrintedCurl(line: string): Promise<Response> {
  const script = `curl() { printf '%s\\0' "$@"; }\n${line.trim()}`
  const { stdout } = await run('bash', ['-O', 'failglob', '-c', script], { cwd: '/' })
  const args = stdout.split('\0').slice(0, -1)
  const headers: Record<string, string> = {}
  let url: string | undefined
  let body: string | undefined
  let method: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '-s') continue
    else if (arg === '-H') {
      const [name, ...value] = args[++i]!.split(':')
      headers[name!.trim()] = value.join(':').trim()
    } else if (arg === '-d') body = args[++i]
    else if (arg === '-X') method = args[++i]
    else if (url === undefined && /^https?:\/\//.test(arg)) url = arg
    else throw new Error(`unexpected curl argument ${JSON.stringify(arg)} in: ${line}`)
  }
  if (!url) throw new Error(`no URL in: ${line}`)
  return fetch(url, { method: method ?? (body === undefined ? 'GET' : 'POST'), headers, body })
}
