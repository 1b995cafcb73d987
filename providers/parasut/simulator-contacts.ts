/**
 * The Paraşüt simulator's contacts (sources: apidocs.parasut.com listContacts / showContact / createContact —
 * `filter[name]`, `filter[tax_number]`, `page[number]`, `page[size]` at most 25, `meta.total_pages`; a 422 JSON:API
 * error with `source.pointer` for a bad tax number or a VKN without tax office).
 */
import type { Hono } from 'hono'
import { jsonApiError, readJson, refuse, validateTaxNumber, type CompanyStore, type SimContact } from './simulator-store.js'

const resource = (contact: SimContact) => ({ id: contact.id, type: 'contacts', attributes: { ...contact.attributes, name: contact.name, tax_number: contact.tax_number } })

export function mountContactRoutes(app: Hono, deps: { company: CompanyStore; control: { dropContactAnswers: number } }) {
  const { company, control } = deps
  const base = '/v4/:company'

  app.get(`${base}/contacts`, (c) => {
    const taxNumber = c.req.query('filter[tax_number]')
    const name = c.req.query('filter[name]')
    const size = Math.min(Math.max(Number(c.req.query('page[size]') ?? 15) || 15, 1), 25)
    const number = Math.max(Number(c.req.query('page[number]') ?? 1) || 1, 1)
    const rows = [...company.contacts.values()].filter((contact) => (!taxNumber || contact.tax_number === taxNumber) && (!name || contact.name === name))
    const pages = Math.max(Math.ceil(rows.length / size), 1)
    const data = rows.slice((number - 1) * size, number * size).map(resource)
    return c.json({ data, meta: { current_page: number, total_pages: pages, total_count: rows.length } })
  })

  app.get(`${base}/contacts/:id`, (c) => {
    const contact = company.contacts.get(c.req.param('id'))
    return contact ? c.json({ data: resource(contact) }) : jsonApiError(c, 404, [{ title: 'Not Found', detail: 'Müşteri bulunamadı' }])
  })

  app.post(`${base}/contacts`, async (c) => {
    const attributes = (await readJson(c))?.data?.attributes
    if (!attributes || typeof attributes.name !== 'string' || !attributes.name) return refuse(c, { pointer: '/data/attributes/name', title: 'İsim boş olamaz', detail: 'name is required' })
    const invalid = validateTaxNumber(attributes.tax_number ?? null, attributes.tax_office ?? null)
    if (invalid) return refuse(c, invalid)
    const contact = { id: company.next(), name: attributes.name, tax_number: attributes.tax_number ?? null, tax_office: attributes.tax_office ?? null, attributes }
    company.contacts.set(contact.id, contact)
    // A lost answer: the contact exists, the client never hears of it.
    if (control.dropContactAnswers > 0) {
      control.dropContactAnswers--
      return c.text('<html>502 Bad Gateway</html>', 502)
    }
    return c.json({ data: resource(contact) }, 201)
  })
}
