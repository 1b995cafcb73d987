import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { generateKeyBase64 } from '../core/crypto.js'
import { randomToken } from '../core/ids.js'

interface DevSecrets {
  adminKey: string
  encryptionKey: string
}

/**
 * Where development secrets live: beside the PGlite data directory, or — for a PostgreSQL database, whose data
 * outlives this process whatever the data directory says — in `.kopru/` of the working directory. Only an
 * in-memory PGlite, whose data dies with the process, gets throwaway keys (null).
 */
export function devSecretsFile({ dataDir, databaseUrl }: { dataDir: string; databaseUrl?: string }): string | null {
  if (!dataDir.startsWith('memory://')) return join(dirname(dataDir), 'dev-secrets.json')
  return databaseUrl ? join('.kopru', 'dev-secrets.json') : null
}

/**
 * Development convenience: without KOPRU_ADMIN_KEY / KOPRU_ENCRYPTION_KEY, generate them once and keep them in
 * `devSecretsFile` (mode 0600) so restarts can still decrypt stored credentials.
 */
export async function loadDevSecrets(file: string | null): Promise<DevSecrets & { file: string | null; created: boolean }> {
  const fresh = (): DevSecrets => ({ adminKey: `kpr_admin_${randomToken(32)}`, encryptionKey: generateKeyBase64() })
  if (!file) return { ...fresh(), file: null, created: true }
  try {
    return { ...(JSON.parse(await readFile(file, 'utf8')) as DevSecrets), file, created: false }
  } catch {
    const secrets = fresh()
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
    return { ...secrets, file, created: true }
  }
}
