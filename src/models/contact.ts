import { z } from '@hono/zod-openapi'
import { safeString } from './safe.js'
import { TaxId } from './invoice.js'

export const contactTypes = ['customer', 'supplier'] as const
export type ContactType = (typeof contactTypes)[number]

const ContactAddress = z
  .object({
    line1: safeString().trim().min(1).max(300),
    line2: safeString().trim().max(300).nullable().optional(),
    district: safeString().trim().max(100).nullable().optional(),
    city: safeString().trim().min(1).max(100),
    country_code: safeString().length(2).openapi({ example: 'TR' }),
  })
  .openapi('ContactAddress')

export const CreateContactRequest = z
  .object({
    type: z.enum(contactTypes).default('customer'),
    name: safeString().trim().min(1).max(200),
    tax_id: TaxId,
    tax_office: safeString().trim().min(1).max(100).nullable().optional().openapi({ description: 'Vergi dairesi; Paraşüt requires it with a VKN' }),
    email: safeString().email().nullable().optional(),
    phone: safeString().trim().max(40).nullable().optional(),
    address: ContactAddress.nullable().optional(),
  })
  .strict()
  .openapi('CreateContactRequest')
export type CreateContactRequest = z.infer<typeof CreateContactRequest>

export const Contact = z
  .object({
    id: z.string().openapi({ description: 'The provider’s id of the contact' }),
    provider: z.string(),
    connection_id: z.string(),
    type: z.enum([...contactTypes, 'unknown']),
    kind: z.enum(['company', 'person', 'unknown']).openapi({ description: 'company (VKN) or person (TCKN)' }),
    name: z.string(),
    tax_id: z.string().nullable(),
    tax_office: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.object({ line1: z.string().nullable(), district: z.string().nullable(), city: z.string().nullable(), country: z.string().nullable() }).nullable(),
    created_at: z.string().nullable(),
    updated_at: z.string().nullable(),
    raw: z.unknown().optional(),
  })
  .openapi('Contact')
export type Contact = z.infer<typeof Contact>

/** What an adapter reports: the unified contact without the gateway's fields. */
export type ProviderContact = Omit<Contact, 'provider' | 'connection_id'>

export interface ListContactsInput {
  limit: number
  page?: unknown
  taxId?: string
  name?: string
}
