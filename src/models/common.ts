import { z } from '@hono/zod-openapi'
import { idempotencyKeyPattern } from '../core/idempotency.js'
import { safeString } from './safe.js'

export const Money = z
  .object({
    amount: safeString().regex(/^-?\d+(\.\d+)?$/).openapi({ example: '129.90' }),
    currency: safeString().length(3).openapi({ example: 'TRY' }),
  })
  .openapi('Money', { description: 'A decimal string amount and an ISO 4217 currency; never a float.' })
export type Money = z.infer<typeof Money>

export const Address = z
  .object({
    name: safeString(),
    company: safeString().nullable().optional(),
    phone: safeString().nullable().optional().openapi({ description: 'E.164 where it can be derived' }),
    email: safeString().nullable().optional(),
    line1: safeString(),
    line2: safeString().nullable().optional(),
    district: safeString().nullable().optional().openapi({ description: 'ilçe; required by Turkish carriers' }),
    city: safeString(),
    state: safeString().nullable().optional(),
    postal_code: safeString().nullable().optional(),
    country_code: safeString().length(2),
  })
  .openapi('Address')
export type Address = z.infer<typeof Address>

export const Timestamp = safeString().openapi({ format: 'date-time', example: '2026-11-20T18:30:00.000Z' })

export const listQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' }, example: 50 }),
  cursor: safeString(2048)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'Opaque cursor from next_cursor' }),
}

export const includeRawQuery = z
  .enum(['raw'])
  .optional()
  .openapi({ param: { name: 'include', in: 'query' }, description: "'raw' adds the provider's original object" })

export const pageOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ data: z.array(item), next_cursor: safeString().nullable() }).openapi(name)

export const connectionHeader = z.object({
  'kopru-connection-id': safeString()
    .min(1)
    .max(64)
    // The name must equal the key (zod-openapi refuses a mismatch); HTTP header names are case-insensitive.
    .openapi({ param: { name: 'kopru-connection-id', in: 'header' }, example: 'conn_7Qm2...', description: 'Kopru-Connection-Id: the connection to call' }),
})

/** The connection header plus the `Idempotency-Key` every write takes. */
export const writeHeaders = (example: string) =>
  connectionHeader.extend({
    'idempotency-key': safeString()
      .regex(idempotencyKeyPattern, '1 to 255 printable ASCII characters')
      .openapi({ param: { name: 'idempotency-key', in: 'header' }, example }),
  })
