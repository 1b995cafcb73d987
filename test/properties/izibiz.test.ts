/**
 * İzibiz mappings fed SOAP answers as fast-xml-parser hands them (every leaf a string), generated from the wire
 * schemas in providers/izibiz/wire.ts (written from izibiz/api-documentation): the raw answer is read through its
 * schema and either refused as a provider_error naming the element or mapped to an invoice state with the
 * design's statuses, a tax id lookup with ISO UTC times, a PDF data URL. Status codes are drawn from the
 * documented tables, from names that every JavaScript object has, and from anything.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { archiveInvoiceState, eInvoiceState, izibizArchiveStatusTable, izibizInvoiceStatusTable, toInvoicePdf, toTaxIdLookup } from '../../providers/izibiz/mapping.js'
import { archiveStatusAnswer, checkUserAnswer, invoiceStatusAnswer, readArchiveAnswer, readIzibiz } from '../../providers/izibiz/wire.js'
import { InvoicePdf, TaxIdLookup, invoiceStatuses, type InvoiceState } from '../../src/models/invoice.js'
import { arbitraryFor } from '../helpers/zod-arbitrary.js'
import { expectIsoUtc, mapsOrRefuses, tally } from './unified-invariants.js'

const runs = { numRuns: 300 }
const UUID = '8a4a2d1e-5c1b-4f0e-9a51-6b3c2f1d0e9a'
const AdapterLookup = TaxIdLookup.omit({ kind: true })
const statusFrom = (table: Record<string, unknown>) => fc.oneof(fc.constantFrom(...Object.keys(table)), fc.constantFrom('constructor', '__proto__', 'toString', ' 130 ', '999'), fc.string({ maxLength: 6 }))
/** A generated answer with its status leaf replaced: `rows` picks the repeated element, `at` the row's status holder. */
const withStatus = (schema: unknown, table: Record<string, unknown>, rows: string, at: (row: any) => any) =>
  fc.tuple(arbitraryFor(schema), statusFrom(table)).map(([generated, status]) => {
    const raw = structuredClone(generated)
    for (const row of ((raw as any)[rows] ?? []) as unknown[]) if (at(row) && typeof at(row) === 'object') at(row).STATUS = status
    return raw
  })

function expectInvoiceState(state: InvoiceState) {
  expect(invoiceStatuses).toContain(state.status)
  expect(state.provider_status === null || typeof state.provider_status === 'string').toBe(true)
  expect(state.number === null || typeof state.number === 'string').toBe(true)
  if (state.status === 'failed') expect(state.errors.length).toBeGreaterThan(0)
  for (const error of state.errors) expect(typeof error.message).toBe('string')
}

describe('İzibiz mappings over schema-valid SOAP answers', () => {
  beforeEach(() => tally.reset())
  // A property that only ever saw refusals would prove nothing about the mapping.
  afterEach(() => expect(tally.mapped).toBeGreaterThan(10))

  it('GetEArchiveInvoiceStatus -> invoice state', () => {
    fc.assert(
      fc.property(withStatus(archiveStatusAnswer, izibizArchiveStatusTable, 'INVOICE', (row) => row.HEADER), (raw) => {
        const state = mapsOrRefuses(() => archiveInvoiceState(UUID, 'e_arsiv', readIzibiz(archiveStatusAnswer, 'GetEArchiveInvoiceStatus', raw)))
        if (state) expectInvoiceState(state)
      }),
      runs,
    )
  })

  it('GetInvoiceStatus -> invoice state', () => {
    fc.assert(
      fc.property(withStatus(invoiceStatusAnswer, izibizInvoiceStatusTable, 'INVOICE_STATUS', (row) => row), (raw) => {
        const state = mapsOrRefuses(() => eInvoiceState(UUID, 'e_fatura', readIzibiz(invoiceStatusAnswer, 'GetInvoiceStatus', raw)))
        if (state) expectInvoiceState(state)
      }),
      runs,
    )
  })

  it('CheckUser -> tax id lookup', () => {
    const time = fc.oneof(fc.constantFrom('2013-07-01T15:22:11', '2013-07-01T15:22:11.123', '2013-07-01', '', '2013-07-01T15:22:11+03:00'), fc.string({ maxLength: 8 }))
    const answer = fc.tuple(arbitraryFor(checkUserAnswer), time).map(([generated, registered]) => {
      const raw = structuredClone(generated)
      for (const user of ((raw as any).USER ?? []) as any[]) if (user && typeof user === 'object') user.REGISTER_TIME = registered
      return raw
    })
    fc.assert(
      fc.property(answer, (raw) => {
        const lookup = mapsOrRefuses(() => toTaxIdLookup('1234567808', readIzibiz(checkUserAnswer, 'CheckUser', raw).USER ?? []))
        if (!lookup) return
        const parsed = AdapterLookup.safeParse(lookup)
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
        expectIsoUtc(lookup.registered_at)
        // Documented as Turkish local time without an offset; a fraction of a second changes nothing about that.
        const first = (raw as any).USER?.[0]?.REGISTER_TIME
        if (typeof first === 'string' && /^2013-07-01T15:22:11(\.\d+)?$/.test(first)) expect(lookup.registered_at).toMatch(/^2013-07-01T12:22:11/)
      }),
      runs,
    )
  })

  it('ReadFromArchive -> a PDF data URL whose payload is base64 (xs:base64Binary may carry line breaks)', () => {
    const base64 = fc.uint8Array({ minLength: 1, maxLength: 120 }).chain((bytes) => {
      const text = Buffer.from(bytes).toString('base64')
      return fc.constantFrom(text, text.replace(/(.{76})/g, '$1\n'), ` ${text}\r\n`)
    })
    fc.assert(
      fc.property(fc.oneof(arbitraryFor(readArchiveAnswer), base64.map((INVOICE) => ({ INVOICE }))), (raw) => {
        const pdf = mapsOrRefuses(() => toInvoicePdf(readIzibiz(readArchiveAnswer, 'ReadFromArchive', raw)))
        const payload = (raw as { INVOICE?: unknown }).INVOICE
        const isBase64 = typeof payload === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(payload.replace(/\s/g, ''))
        if (isBase64) expect(pdf?.url).toBe(`data:application/pdf;base64,${payload.replace(/\s/g, '')}`)
        if (!pdf) return
        expect(InvoicePdf.safeParse(pdf).success).toBe(true)
        expect(pdf.url).toMatch(/^data:application\/pdf;base64,[A-Za-z0-9+/]+={0,2}$/)
      }),
      runs,
    )
  })
})
