/**
 * What a tenant gives kopru for MNG and how it reaches MNG: the IBM API Connect client id and secret as headers on
 * every call, and the customer number and password traded for a JWT at `/token` (the core session, client.ts).
 */
import { z } from 'zod'
import type { ProviderAuth } from '../../src/core/provider-kit/index.js'
import { mngSession } from './client.js'
import type { MngCredentials } from './types.js'

export const credentialsSchema = z.object({
  client_id: z.string().trim().min(1).max(200),
  client_secret: z.string().trim().min(1).max(200),
  customer_number: z.string().trim().regex(/^\d{1,20}$/, 'the numeric MNG customer number (müşteri numarası)'),
  password: z.string().min(1).max(200),
}) satisfies z.ZodType<MngCredentials>

export const mngAuth: ProviderAuth<MngCredentials> = {
  type: 'credentials',
  fields: [
    { name: 'client_id', label: 'API Zone Client ID (X-IBM-Client-Id)', secret: false },
    { name: 'client_secret', label: 'API Zone Client Secret', secret: true },
    { name: 'customer_number', label: 'Müşteri numarası (customer number)', secret: false },
    { name: 'password', label: 'API şifresi (password)', secret: true },
  ],
  schema: credentialsSchema,
  apply({ headers }, credentials) {
    headers.set('x-ibm-client-id', credentials.client_id)
    headers.set('x-ibm-client-secret', credentials.client_secret)
  },
  session: mngSession,
}
