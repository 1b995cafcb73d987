import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { generateKeyBase64 } from '../core/crypto.js'
import { randomToken } from '../core/ids.js'

interface DevSecrets {
  adminKey: string
  encryptionKey: string
}

/**
 * Development convenience: without KOPRU_ADMIN_KEY / KOPRU_ENCRYPTION_KEY, generate them once and keep them
 * beside the data directory (mode 0600) so restarts can still decrypt stored credentials.
 */
export async function loadDevSecrets(dataDir: string): Promise<DevSecrets & { file: string | null; created: boolean }> {
  const fresh = (): DevSecrets => ({ adminKey: `kpr_admin_${randomToken(32)}`, encryptionKey: generateKeyBase64() })
  if (dataDir.startsWith('memory://')) return { ...fresh(), file: null, created: true }
  const file = join(dirname(dataDir), 'dev-secrets.json')
  try {
    return { ...(JSON.parse(await readFile(file, 'utf8')) as DevSecrets), file, created: false }
  } catch {
    const secrets = fresh()
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
    return { ...secrets, file, created: true }
  }
}
