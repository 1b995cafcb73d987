import { z } from '@hono/zod-openapi'

export const Money = z
  .object({
    amount: z.string().regex(/^-?\d+(\.\d+)?$/).openapi({ example: '129.90' }),
    currency: z.string().length(3).openapi({ example: 'TRY' }),
  })
  .openapi('Money', { description: 'A decimal string amount and an ISO 4217 currency; never a float.' })
export type Money = z.infer<typeof Money>

export const Address = z
  .object({
    name: z.string(),
    company: z.string().nullable().optional(),
    phone: z.string().nullable().optional().openapi({ description: 'E.164 where it can be derived' }),
    email: z.string().nullable().optional(),
    line1: z.string(),
    line2: z.string().nullable().optional(),
    district: z.string().nullable().optional().openapi({ description: 'ilçe; required by Turkish carriers' }),
    city: z.string(),
    state: z.string().nullable().optional(),
    postal_code: z.string().nullable().optional(),
    country_code: z.string().length(2),
  })
  .openapi('Address')
export type Address = z.infer<typeof Address>

export const Timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-20T18:30:00.000Z' })

export const listQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' }, example: 50 }),
  cursor: z
    .string()
    .max(2048)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'Opaque cursor from next_cursor' }),
}

export const includeRawQuery = z
  .enum(['raw'])
  .optional()
  .openapi({ param: { name: 'include', in: 'query' }, description: "'raw' adds the provider's original object" })

export const pageOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() }).openapi(name)

export const connectionHeader = z.object({
  'kopru-connection-id': z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'kopru-connection-id', in: 'header' }, example: 'conn_7Qm2...' }),
})
