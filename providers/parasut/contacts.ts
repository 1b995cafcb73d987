/**
 * Paraşüt contacts (Müşteri/Tedarikçi, apidocs.parasut.com: listContacts with `filter[name]`, `filter[tax_number]`,
 * `page[number]`/`page[size]` up to 25; showContact; createContact). A contact is created once: one already kept
 * under the same tax number and name is answered instead, and a lost create answer is looked up the same way.
 */
import { KopruError, isKopruError, readWire, type Page } from '../../src/core/provider-kit/index.js'
import type { ListContactsInput, ProviderContact } from '../../src/models/index.js'
import { companyPath, parasutWire, type Ctx } from './context.js'
import { readAnswer } from './documents.js'
import { contactBody, toUnifiedContact, type ContactInput } from './mapping.js'
import { contactDocument, contactList } from './wire.js'

const PAGE_SIZE_MAX = 25

async function findContact(ctx: Ctx, contact: Pick<ContactInput, 'tax_id' | 'name'>): Promise<ProviderContact | null> {
  const found = await ctx.request({
    path: companyPath(ctx, '/contacts'),
    query: { 'filter[tax_number]': contact.tax_id, 'filter[name]': contact.name, 'page[size]': 1 },
    operation: 'contacts.find',
  })
  const first = readWire(contactList, found.data, { provider: parasutWire, what: 'contact list' }).data[0]
  return first ? toUnifiedContact(first) : null
}

const isLostAnswer = (error: unknown) =>
  isKopruError(error) && (error.code === 'provider_timeout' || error.code === 'provider_unavailable' || (error.code === 'provider_error' && (error.provider?.status ?? 500) >= 500))

/** Paraşüt names its own attributes; a tenant's contact request has them at the top level, an invoice under `buyer`. */
function renamedForContacts(error: unknown): unknown {
  if (!isKopruError(error) || !error.errors) return error
  return new KopruError(error.code, error.message, { provider: error.provider, errors: error.errors.map((entry) => ({ ...entry, path: entry.path.replace(/^body\.buyer\./, 'body.') })) })
}

/** The contact kept under this tax number and name, else a new one — never a second after a lost answer. */
export async function ensureContact(ctx: Ctx, contact: ContactInput, fieldsAt: 'buyer' | 'root' = 'buyer'): Promise<ProviderContact> {
  const existing = await findContact(ctx, contact)
  if (existing) return existing
  try {
    const created = await ctx.request({ method: 'POST', path: companyPath(ctx, '/contacts'), json: contactBody(contact), accept: [422], operation: 'contacts.create' })
    return toUnifiedContact(readAnswer(contactDocument, created, 'contact').data)
  } catch (error) {
    if (!isLostAnswer(error)) throw fieldsAt === 'root' ? renamedForContacts(error) : error
    const found = await findContact(ctx, contact)
    if (!found) throw error
    ctx.log.info('Paraşüt contact found by tax number after a lost answer', { contact_id: found.id })
    return found
  }
}

export async function listContacts(ctx: Ctx, input: ListContactsInput): Promise<Page<ProviderContact>> {
  const number = typeof input.page === 'number' && Number.isInteger(input.page) && input.page > 1 ? input.page : 1
  const response = await ctx.request({
    path: companyPath(ctx, '/contacts'),
    query: { 'page[number]': number, 'page[size]': Math.min(input.limit, PAGE_SIZE_MAX), 'filter[tax_number]': input.taxId, 'filter[name]': input.name, sort: 'id' },
    operation: 'contacts.list',
  })
  const list = readWire(contactList, response.data, { provider: parasutWire, what: 'contact list' })
  const pages = list.meta?.total_pages ?? 1
  return { data: list.data.map(toUnifiedContact), next: number < pages ? number + 1 : null }
}

export async function getContact(ctx: Ctx, { id }: { id: string }): Promise<ProviderContact> {
  if (!/^\d{1,20}$/.test(id)) throw ctx.fail('not_found', `Paraşüt has no contact '${id}'`)
  const response = await ctx.request({ path: companyPath(ctx, `/contacts/${id}`), operation: 'contacts.get' })
  return toUnifiedContact(readWire(contactDocument, response.data, { provider: parasutWire, what: 'contact' }).data)
}
