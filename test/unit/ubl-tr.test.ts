import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { buildDraft } from '../../src/core/accounting/draft.js'
import { buildUblTrInvoice } from '../../src/core/provider-kit/ubl-tr.js'
import type { CreateInvoiceRequest } from '../../src/models/invoice.js'
import type { Order } from '../../src/models/order.js'

const schema = fileURLToPath(new URL('../fixtures/specs/ubl-2.1/xsd/maindoc/UBL-Invoice-2.1.xsd', import.meta.url))
/** GİB's UBL-TR package of the same schemas, as İzibiz publishes it (test/fixtures/specs/izibiz/README.md). */
const ublTrSchema = fileURLToPath(new URL('../fixtures/specs/izibiz/xsdrt/maindoc/UBL-Invoice-2.1.xsd', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'kopru-ubl-'))

function xmllint(xsd: string, xml: string, name: string): string {
  const file = join(dir, `${name}.xml`)
  writeFileSync(file, xml)
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { stdio: 'pipe' })
    return ''
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error)
  }
}

/**
 * GİB's UBL-TR package requires `ext:UBLExtensions` first, whose ExtensionContent holds the XAdES signature the
 * integrator adds when it signs (İzibiz's sample invoices: `<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent/>`).
 * The document is checked in the form İzibiz signs it into: a stand-in element where the signature goes.
 */
const asSigned = (xml: string) =>
  xml.replace(
    '<cbc:UBLVersionID>',
    '<ext:UBLExtensions xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"><ext:UBLExtension><ext:ExtensionContent><sig:Signed xmlns:sig="urn:kopru:test:signature"/></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions><cbc:UBLVersionID>',
  )

/** xmllint's verdict on a document: '' when it validates against OASIS' UBL 2.1 and GİB's UBL-TR Invoice schema. */
function validate(xml: string, name: string): string {
  return xmllint(schema, xml, name) || xmllint(ublTrSchema, asSigned(xml), `${name}-ubl-tr`)
}

const supplier = {
  name: 'Kopru Demo Mağaza Ltd. Şti.',
  tax_id: '1234567816',
  tax_office: 'Ümraniye',
  address: { name: 'Kopru', line1: 'Alemdağ Cad. No:1', district: 'Ümraniye', city: 'İstanbul', country_code: 'TR' },
}
const address = { name: 'Zeynep Şahin', line1: 'Moda Cad. No:5', district: 'Kadıköy', city: 'İstanbul', postal_code: '34710', country_code: 'TR' }
const money = (amount: string) => ({ amount, currency: 'TRY' })
const line = (id: string, title: string, quantity: number, total: string, rate: string) => ({
  id, sku: `SKU-${id}`, barcode: null, product_id: null, title, quantity, unit_price: money(total), total: money(total), tax_rate: rate, provider_status: null,
})

const order: Order = {
  id: '4200000001', provider: 'trendyol', connection_id: 'conn_x', order_number: '1096', status: 'open', fulfillment_status: 'unfulfilled',
  payment_status: 'paid', provider_status: 'Created', created_at: '2026-12-02T09:00:00.000Z', updated_at: '2026-12-02T09:00:00.000Z',
  currency: 'TRY', subtotal: money('800.00'), shipping_total: money('29.99'), discount_total: money('25.00'), tax_total: null, total: money('789.84'),
  customer: { name: 'Zeynep Şahin', email: 'z@example.com', phone: null }, shipping_address: address, billing_address: address,
  lines: [line('1', 'Türk Kahvesi', 3, '350.85', '10'), line('2', 'Bakır Cezve', 1, '389.90', '20'), line('3', 'Kitap', 2, '44.10', '0')],
  shipments: [],
}

const draftOf = (request: Partial<CreateInvoiceRequest>, documentType: 'e_arsiv' | 'e_fatura', withOrder = true) =>
  buildDraft({ request: request as CreateInvoiceRequest, order: withOrder ? order : undefined, reference: 'KTESTREFERENCE01', documentType, now: new Date('2026-12-02T09:00:00Z') })

describe('UBL-TR 1.2 invoices validate against the OASIS UBL 2.1 schema', () => {
  it('e-Arşiv from a marketplace order: 20/10/0 % lines, a discount spread, shipping, TCKN buyer', async () => {
    const draft = await draftOf({ from_order: { connection_id: 'conn_x', order_id: '4200000001' } }, 'e_arsiv')
    const xml = buildUblTrInvoice(draft, { supplier, number: 'KPR2026000000001', issueTime: '12:00:00' })
    expect(validate(xml, 'earsiv')).toBe('')
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml).Invoice
    expect(doc['cbc:ProfileID']).toBe('EARSIVFATURA')
    expect(doc['cbc:CustomizationID']).toBe('TR1.2')
    expect(doc['cbc:UUID']).toBe(draft.ettn)
    expect(doc['cac:AccountingCustomerParty']['cac:Party']['cac:PartyIdentification']['cbc:ID']['@_schemeID']).toBe('TCKN')
    expect(doc['cac:LegalMonetaryTotal']['cbc:PayableAmount']['#text']).toBe(789.84)
    const subtotals = doc['cac:TaxTotal']['cac:TaxSubtotal'] as any[]
    expect(subtotals.map((s) => s['cbc:Percent'])).toEqual([20, 10, 0])
    expect(subtotals[2]['cac:TaxCategory']['cbc:TaxExemptionReasonCode']).toBe(351)
    expect(doc['cac:InvoiceLine']).toHaveLength(4)
  })

  it('e-Fatura TEMELFATURA and TICARIFATURA to a VKN buyer with a tax office, from net lines', async () => {
    for (const scenario of ['basic', 'commercial'] as const) {
      const draft = await draftOf(
        {
          buyer: { name: 'Örnek Ticaret A.Ş.', tax_id: '1234567808', tax_office: 'Zincirlikuyu', email: 'fatura@ornek.com.tr', address },
          lines: [{ description: 'Danışmanlık', quantity: 3, unit_price: '333.33', vat_rate: 20, discount: '10.00' }],
          scenario,
        },
        'e_fatura',
        false,
      )
      const xml = buildUblTrInvoice(draft, { supplier, number: 'KPR2026000000002', issueTime: '12:00:00' })
      expect(validate(xml, `efatura-${scenario}`)).toBe('')
      expect(xml).toContain(`<cbc:ProfileID>${scenario === 'basic' ? 'TEMELFATURA' : 'TICARIFATURA'}</cbc:ProfileID>`)
      expect(xml).toContain('<cbc:ID schemeID="VKN">1234567808</cbc:ID>')
    }
  })

  it('the check can fail: a document with its elements out of the schema’s order is refused', async () => {
    const draft = await draftOf({ from_order: { connection_id: 'conn_x', order_id: '4200000001' } }, 'e_arsiv')
    const xml = buildUblTrInvoice(draft, { supplier, number: 'KPR2026000000003', issueTime: '12:00:00' })
    const broken = xml.replace('<cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:CustomizationID>TR1.2</cbc:CustomizationID>', '<cbc:CustomizationID>TR1.2</cbc:CustomizationID><cbc:UBLVersionID>2.1</cbc:UBLVersionID>')
    expect(broken).not.toBe(xml)
    expect(validate(broken, 'broken')).toMatch(/fails to validate/)
  })
})
