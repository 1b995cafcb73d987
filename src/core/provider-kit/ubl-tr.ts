/**
 * UBL-TR 1.2 invoices (GİB's customization of OASIS UBL 2.1), built with fast-xml-parser's XMLBuilder — never
 * string templates. Element order follows the UBL 2.1 Invoice schema (an XSD sequence); amounts come from the
 * exact kuruş arithmetic of vat.ts, so the document's totals are the invoice's totals. Integrators (İzibiz, …)
 * sign and send it. Sources: GİB "UBL-TR Fatura Kılavuzu" v1.2 and "e-Arşiv Fatura Uygulaması Teknik Kılavuz"
 * (ProfileID, InvoiceTypeCode, KDV TaxTypeCode 0015, exemption code 351, SEND_TYPE reference).
 */
import { XMLBuilder } from 'fast-xml-parser'
import type { Address } from '../../models/common.js'
import type { InvoiceDraft } from '../../models/invoice.js'

export interface UblParty {
  name: string
  tax_id: string
  tax_office?: string | null
  email?: string | null
  address: Address
}

export const ublProfileTable = { e_arsiv: 'EARSIVFATURA', basic: 'TEMELFATURA', commercial: 'TICARIFATURA' } as const

/** KDV's code in GİB's tax type list. */
const KDV = { 'cbc:Name': 'KDV', 'cbc:TaxTypeCode': '0015' }
/** "351 — İstisna Olmayan Diğer": GİB's exemption code for a 0 % line that is not a legal exemption. */
const ZERO_RATE_EXEMPTION = { code: '351', reason: 'İstisna Olmayan Diğer' }

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: false, suppressEmptyNode: true })

export function ublProfileOf(draft: Pick<InvoiceDraft, 'document_type' | 'scenario'>): string {
  return draft.document_type === 'e_fatura' ? ublProfileTable[draft.scenario ?? 'basic'] : ublProfileTable.e_arsiv
}

function party(p: UblParty) {
  const kind = p.tax_id.length === 10 ? 'VKN' : 'TCKN'
  const [first, ...rest] = p.name.trim().split(/\s+/)
  return {
    'cac:PartyIdentification': { 'cbc:ID': { '#text': p.tax_id, '@_schemeID': kind } },
    ...(kind === 'VKN' ? { 'cac:PartyName': { 'cbc:Name': p.name } } : {}),
    'cac:PostalAddress': {
      'cbc:StreetName': [p.address.line1, p.address.line2].filter(Boolean).join(' '),
      'cbc:CitySubdivisionName': p.address.district ?? p.address.city,
      'cbc:CityName': p.address.city,
      'cbc:PostalZone': p.address.postal_code ?? undefined,
      'cac:Country': { 'cbc:IdentificationCode': p.address.country_code, 'cbc:Name': p.address.country_code === 'TR' ? 'Türkiye' : p.address.country_code },
    },
    ...(p.tax_office ? { 'cac:PartyTaxScheme': { 'cac:TaxScheme': { 'cbc:Name': p.tax_office } } } : {}),
    ...(p.email ? { 'cac:Contact': { 'cbc:ElectronicMail': p.email } } : {}),
    ...(kind === 'TCKN' ? { 'cac:Person': { 'cbc:FirstName': first ?? p.name, 'cbc:FamilyName': rest.join(' ') || (first ?? p.name) } } : {}),
  }
}

const amount = (value: string, currency: string) => ({ '#text': value, '@_currencyID': currency })

function taxCategory(rate: number) {
  return {
    ...(rate === 0 ? { 'cbc:TaxExemptionReasonCode': ZERO_RATE_EXEMPTION.code, 'cbc:TaxExemptionReason': ZERO_RATE_EXEMPTION.reason } : {}),
    'cac:TaxScheme': KDV,
  }
}

function lines(draft: InvoiceDraft) {
  const c = draft.currency
  return draft.lines.map((line, i) => ({
    'cbc:ID': i + 1,
    'cbc:InvoicedQuantity': { '#text': line.quantity, '@_unitCode': 'C62' },
    'cbc:LineExtensionAmount': amount(line.net_total, c),
    ...(line.discount !== '0.00'
      ? {
          'cac:AllowanceCharge': {
            'cbc:ChargeIndicator': false,
            'cbc:Amount': amount(line.discount, c),
            'cbc:BaseAmount': amount(addKurus(line.net_total, line.discount), c),
          },
        }
      : {}),
    'cac:TaxTotal': {
      'cbc:TaxAmount': amount(line.vat_amount, c),
      'cac:TaxSubtotal': {
        'cbc:TaxableAmount': amount(line.net_total, c),
        'cbc:TaxAmount': amount(line.vat_amount, c),
        'cbc:Percent': line.vat_rate,
        'cac:TaxCategory': taxCategory(line.vat_rate),
      },
    },
    'cac:Item': { 'cbc:Name': line.description, ...(line.sku ? { 'cac:SellersItemIdentification': { 'cbc:ID': line.sku } } : {}) },
    'cac:Price': { 'cbc:PriceAmount': amount(line.unit_price, c) },
  }))
}

function addKurus(a: string, b: string): string {
  const units = (x: string) => BigInt(x.replace('.', ''))
  const sum = units(a) + units(b)
  return `${sum / 100n}.${String(sum % 100n).padStart(2, '0')}`
}

/** The UBL-TR 1.2 Invoice document for a draft; `number` is the 16-character GİB number (series + year + sequence). */
export function buildUblTrInvoice(draft: InvoiceDraft, { supplier, number, issueTime }: { supplier: UblParty; number: string; issueTime: string }): string {
  const c = draft.currency
  const invoice = {
    '@_xmlns': 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
    '@_xmlns:cac': 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
    '@_xmlns:cbc': 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
    'cbc:UBLVersionID': '2.1',
    'cbc:CustomizationID': 'TR1.2',
    'cbc:ProfileID': ublProfileOf(draft),
    'cbc:ID': number,
    'cbc:CopyIndicator': false,
    'cbc:UUID': draft.ettn,
    'cbc:IssueDate': draft.issue_date,
    'cbc:IssueTime': issueTime,
    'cbc:InvoiceTypeCode': 'SATIS',
    ...(draft.note ? { 'cbc:Note': draft.note } : {}),
    'cbc:DocumentCurrencyCode': c,
    'cbc:LineCountNumeric': draft.lines.length,
    ...(draft.order_ref ? { 'cac:OrderReference': { 'cbc:ID': draft.order_ref.order_id, 'cbc:IssueDate': draft.issue_date } } : {}),
    // e-Arşiv: how the document reaches the buyer (GİB's SEND_TYPE reference; ELEKTRONIK for marketplace buyers).
    ...(draft.document_type === 'e_arsiv'
      ? { 'cac:AdditionalDocumentReference': { 'cbc:ID': 'ELEKTRONIK', 'cbc:IssueDate': draft.issue_date, 'cbc:DocumentTypeCode': 'SEND_TYPE' } }
      : {}),
    'cac:Signature': {
      'cbc:ID': { '#text': supplier.tax_id, '@_schemeID': 'VKN_TCKN' },
      'cac:SignatoryParty': party(supplier),
      'cac:DigitalSignatureAttachment': { 'cac:ExternalReference': { 'cbc:URI': `#Signature_${number}` } },
    },
    'cac:AccountingSupplierParty': { 'cac:Party': party(supplier) },
    'cac:AccountingCustomerParty': { 'cac:Party': party(draft.buyer) },
    'cac:TaxTotal': {
      'cbc:TaxAmount': amount(draft.vat_amount.amount, c),
      'cac:TaxSubtotal': draft.vat_total.map((t) => ({
        'cbc:TaxableAmount': amount(t.taxable.amount, c),
        'cbc:TaxAmount': amount(t.amount.amount, c),
        'cbc:Percent': t.rate,
        'cac:TaxCategory': taxCategory(t.rate),
      })),
    },
    'cac:LegalMonetaryTotal': {
      'cbc:LineExtensionAmount': amount(draft.net_total.amount, c),
      'cbc:TaxExclusiveAmount': amount(draft.net_total.amount, c),
      'cbc:TaxInclusiveAmount': amount(draft.total.amount, c),
      'cbc:AllowanceTotalAmount': amount(draft.discount_total.amount, c),
      'cbc:PayableAmount': amount(draft.total.amount, c),
    },
    'cac:InvoiceLine': lines(draft),
  }
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ Invoice: invoice }) as string}`
}
