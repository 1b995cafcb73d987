/**
 * Paraşüt mappings fed schema-valid JSON:API answers generated from providers/parasut/wire.ts (written from
 * apidocs.parasut.com's models): no exception but a provider_error naming the field; invoice states with the
 * design's statuses and a reason when failed; contacts complete per the unified model; ISO UTC times.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoiceState, toInvoicePdf, toTaxIdLookup, toUnifiedContact } from '../../providers/parasut/mapping.js'
import { contactDocument, contactList, eInvoiceInboxList, pdfDocument, salesInvoiceDocument, salesInvoiceList, trackableJobDocument } from '../../providers/parasut/wire.js'
import { readWire } from '../../src/core/provider-kit/index.js'
import { Contact } from '../../src/models/contact.js'
import { InvoicePdf, TaxIdLookup, invoiceStatuses, type InvoiceState } from '../../src/models/invoice.js'
import { arbitraryFor, parsedFrom } from '../helpers/zod-arbitrary.js'
import { expectIsoUtc, mapsOrRefuses, tally } from './unified-invariants.js'

const source = (what: string) => ({ provider: { id: 'parasut', name: 'Paraşüt' }, what })
const runs = { numRuns: 300 }
const ProviderContact = Contact.omit({ provider: true, connection_id: true })
const AdapterLookup = TaxIdLookup.omit({ kind: true })

function expectInvoiceState(state: InvoiceState) {
  expect(invoiceStatuses).toContain(state.status)
  expect(typeof state.id).toBe('string')
  for (const value of [state.provider_status, state.number, state.ettn, state.pdf_url]) expect(value === null || typeof value === 'string').toBe(true)
  for (const error of state.errors) expect(typeof error.message).toBe('string')
  // A failed invoice says why: the tenant has nothing else to act on.
  if (state.status === 'failed') expect(state.errors.length).toBeGreaterThan(0)
  expect(() => JSON.stringify(state.state)).not.toThrow()
}

describe('Paraşüt mappings over schema-valid answers', () => {
  beforeEach(() => tally.reset())
  // A property that only ever saw refusals would prove nothing about the mapping.
  afterEach(() => expect(tally.mapped).toBeGreaterThan(10))

  it('sales invoice (+ active e-document) and trackable job -> invoice state', () => {
    fc.assert(
      fc.property(parsedFrom(salesInvoiceDocument), fc.option(parsedFrom(trackableJobDocument), { nil: null }), (document, job) => {
        const state = mapsOrRefuses(() => invoiceState(document, job?.data ?? null, { kind: 'e_archives' }))
        if (state) expectInvoiceState(state)
      }),
      runs,
    )
  })

  it('an e-document the invoice links to in `included`, of any shape JSON:API allows, and any job status', () => {
    const linked = fc.tuple(arbitraryFor(salesInvoiceDocument), fc.constantFrom('e_archives', 'e_invoices', 'contacts'), fc.boolean()).map(([raw, type, bare]) => {
      const document = raw as { data: { relationships?: unknown }; included?: Record<string, unknown>[] }
      const item = bare ? { id: '7', type } : { id: '7', type, attributes: { status: 'sent', uuid: 'u-1', invoice_number: 'KPR2026000000001' } }
      return { ...document, data: { ...document.data, relationships: { active_e_document: { data: { id: '7', type } } } }, included: [...(document.included ?? []), item] }
    })
    const job = arbitraryFor(trackableJobDocument).chain((raw) =>
      fc.constantFrom('pending', 'running', 'done', 'error', 'constructor', 'paused').map((status) => {
        const { data } = raw as { data: { attributes: Record<string, unknown> } }
        return { data: { ...data, attributes: { ...data.attributes, status } } }
      }),
    )
    fc.assert(
      fc.property(linked, fc.option(job, { nil: null }), (rawDocument, rawJob) => {
        mapsOrRefuses(() => {
          const document = readWire(salesInvoiceDocument, rawDocument, source('sales invoice'))
          const parsedJob = rawJob ? readWire(trackableJobDocument, rawJob, source('trackable job')).data : null
          expectInvoiceState(invoiceState(document, parsedJob, { kind: 'e_archives' }))
        })
      }),
      runs,
    )
  })

  it('raw sales invoice lists either parse or are refused naming the field, then map', () => {
    fc.assert(
      fc.property(arbitraryFor(salesInvoiceList), (raw) => {
        mapsOrRefuses(() => {
          const list = readWire(salesInvoiceList, raw, source('sales invoice list'))
          for (const data of list.data) expectInvoiceState(invoiceState({ data, included: list.included }, null, {}))
        })
      }),
      runs,
    )
  })

  it('contacts and contact lists -> unified contacts', () => {
    fc.assert(
      fc.property(parsedFrom(contactList), parsedFrom(contactDocument), (list, one) => {
        for (const resource of [...list.data, one.data]) {
          const contact = mapsOrRefuses(() => toUnifiedContact(resource))
          if (!contact) continue
          const parsed = ProviderContact.safeParse(contact)
          expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
          expectIsoUtc(contact.created_at)
          expectIsoUtc(contact.updated_at)
        }
      }),
      runs,
    )
  })

  it('e-invoice inboxes -> tax id lookup', () => {
    fc.assert(
      fc.property(parsedFrom(eInvoiceInboxList), (list) => {
        const lookup = mapsOrRefuses(() => toTaxIdLookup('1234567808', list.data))
        if (!lookup) return
        const parsed = AdapterLookup.safeParse(lookup)
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
        expectIsoUtc(lookup.registered_at)
        expect(lookup.e_invoice_user).toBe(lookup.aliases.length > 0)
      }),
      runs,
    )
  })

  it('e-document PDF -> link with an ISO UTC expiry', () => {
    fc.assert(
      fc.property(parsedFrom(pdfDocument), (pdf) => {
        const link = mapsOrRefuses(() => toInvoicePdf(pdf))
        if (!link) return
        expect(InvoicePdf.safeParse(link).success).toBe(true)
        expectIsoUtc(link.expires_at)
      }),
      runs,
    )
  })
})
