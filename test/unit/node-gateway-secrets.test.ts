import { describe, expect, it } from 'vitest'
import { createNodeGateway } from 'kopru/node'
import { generateKeyBase64 } from 'kopru'

// The README's snippet reads both from the environment with `!`: a host app started without them gets an error that
// names the option and the variable, before any database is opened.
describe('createNodeGateway without its secrets', () => {
  const env = (value: string | undefined) => value as string

  it('names encryptionKeys when KOPRU_ENCRYPTION_KEY is not set (or empty)', async () => {
    for (const keys of [undefined, '', ' , ']) {
      await expect(createNodeGateway({ dataDir: 'memory://', encryptionKeys: env(keys), adminKey: 'kpr_admin_0123456789abcdef' })).rejects.toThrow(
        /encryptionKeys is required.*KOPRU_ENCRYPTION_KEY/,
      )
    }
  })

  it('names adminKey when KOPRU_ADMIN_KEY is not set or too short', async () => {
    for (const adminKey of [undefined, '', 'short']) {
      await expect(createNodeGateway({ dataDir: 'memory://', encryptionKeys: generateKeyBase64(), adminKey: env(adminKey) })).rejects.toThrow(
        /adminKey is required, at least 16 characters \(KOPRU_ADMIN_KEY\)/,
      )
    }
  })
})
